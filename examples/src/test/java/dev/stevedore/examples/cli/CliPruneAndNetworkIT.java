package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** container prune, image prune -a, ps -s and --filter, and run --network NAME, against the real sandbox. */
class CliPruneAndNetworkIT extends CliSandboxFixture {
    @Test
    void containerPruneRemovesStoppedContainersAndKeepsRunningOnes() {
        // given
        assertThat(cli.run("run", "--name", "done", "busybox", "true").code()).isZero();
        assertThat(cli.run("run", "--name", "failed", "busybox", "sh", "-c", "exit 2").code()).isEqualTo(2);
        CliRunner.Result live = cli.run("run", "-d", "--name", "live", "busybox", "sleep", "600");
        assertThat(live.code()).as(live.err()).isZero();
        String done = cli.run("ps", "-a", "--no-trunc", "-q", "--filter", "name=^/done$").out().strip();
        String failed = cli.run("ps", "-a", "--no-trunc", "-q", "--filter", "name=^/failed$").out().strip();

        // when
        CliRunner.Result prune = cli.run("container", "prune", "-f");
        CliRunner.Result again = cli.run("container", "prune", "-f");
        String left = cli.run("ps", "-a", "--format", "{{.Names}} {{.State}}").out();

        // then
        assertThat(done).hasSize(64);
        assertThat(prune.code()).as(prune.err()).isZero();
        assertThat(prune.out()).startsWith("Deleted Containers:\n").contains(done + "\n").contains(failed + "\n")
                .endsWith("\n\nTotal reclaimed space: 0B\n").doesNotContain(live.out().strip());
        assertThat(prune.out().lines()).hasSize(5);
        assertThat(again.out()).isEqualTo("Total reclaimed space: 0B\n");
        assertThat(left).isEqualTo("live running\n");
    }

    @Test
    void imagePruneAllKeepsImagesThatContainersUse() {
        // given
        assertThat(cli.run("tag", "busybox", "spare:1").code()).isZero();
        assertThat(cli.run("run", "--name", "user", "busybox", "true").code()).isZero();

        // when
        CliRunner.Result prune = cli.run("image", "prune", "-a", "-f");
        String images = cli.run("images", "--format", "{{.Repository}}:{{.Tag}}").out();

        // then: the image has two names and a (stopped) user: kept, names and all
        assertThat(prune.code()).as(prune.err()).isZero();
        assertThat(prune.out()).isEqualTo("Total reclaimed space: 0B\n");
        assertThat(images.lines().sorted().toList()).containsExactly("busybox:latest", "spare:1");
    }

    @Test
    void psShowsSizesAndFiltersRealContainers() {
        // given
        assertThat(cli.run("run", "--name", "writer", "-l", "tier=data", "busybox", "sh", "-c",
                "head -c 12345 /dev/zero > /big").code()).isZero();
        CliRunner.Result live = cli.run("run", "-d", "--name", "idle", "-l", "tier=web", "busybox", "sleep", "600");
        assertThat(live.code()).as(live.err()).isZero();
        String imageSize = cli.run("images", "--format", "{{.Size}}").out().strip();

        // when
        String sizes = cli.run("ps", "-a", "-s", "--format", "{{.Names}} {{.Size}}").out();
        String table = cli.run("ps", "-s").out();
        String exited = cli.run("ps", "--filter", "status=exited", "--format", "{{.Names}}").out();
        String both = cli.run("ps", "-a", "-f", "label=tier=data", "-f", "label=tier=web", "--format", "{{.Names}}")
                .out();
        String dataAndRunning = cli.run("ps", "-a", "-f", "label=tier=data", "-f", "status=running").out();
        String fromBusybox = cli.run("ps", "-a", "-q", "--filter", "ancestor=busybox:latest").out();
        String fromOther = cli.run("ps", "-a", "-q", "--filter", "ancestor=other").out();

        // then
        assertThat(sizes).containsPattern("(?m)^writer 12\\.[3-9]kB \\(virtual [0-9.]+[kM]B\\)$")
                .containsPattern("(?m)^idle [0-9.]+k?B \\(virtual " + imageSize.replace(".", "\\.") + "\\)$");
        assertThat(table.lines().findFirst().orElseThrow()).endsWith("NAMES     SIZE");
        assertThat(exited).isEqualTo("writer\n");
        assertThat(both.lines().sorted().toList()).containsExactly("idle", "writer");
        assertThat(dataAndRunning.lines()).hasSize(1); // the header only: AND across keys
        assertThat(fromBusybox.lines()).hasSize(2);
        assertThat(fromOther).isEmpty();
    }

    @Test
    void runJoinsANamedNetworkAndReachesAnotherContainerByName() {
        // given
        CliRunner.Result create = cli.run("network", "create", "app");
        CliRunner.Result web = cli.run("run", "-d", "--init", "--name", "web", "--network", "app", "busybox",
                "httpd", "-f", "-p", "80", "-h", "/etc");
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(web.code()).as(web.err()).isZero();

        // when: a bounded wait for the server, then a fetch by its name
        CliRunner.Result client = cli.run("run", "--rm", "--network", "app", "busybox", "sh", "-c",
                "i=0; until wget -q -O /dev/null http://web/hostname; do i=$((i+1)); [ $i -lt 100 ] || exit 9;"
                + " sleep 0.1; done; wget -q -O - http://web/hostname; grep -w web /etc/hosts >/dev/null && echo listed");
        CliRunner.Result outsider = cli.run("run", "--name", "outsider", "--network", "none", "busybox", "sh", "-c",
                "wget -q -T 2 -O - http://web/hostname 2>/dev/null || echo unreachable");
        cli.run("rm", "-f", "web", "outsider");
        CliRunner.Result rm = cli.run("network", "rm", "app");

        // then
        assertThat(client.code()).as(client.err()).isZero();
        assertThat(client.out()).isEqualTo(web.out().substring(0, 12) + "\nlisted\n");
        assertThat(outsider.out()).isEqualTo("unreachable\n");
        assertThat(rm.code()).as(rm.err()).isZero();
        assertThat(cli.run("ps", "-a", "--format", "{{.Names}}").out()).isEmpty(); // --rm removed the client
    }
}

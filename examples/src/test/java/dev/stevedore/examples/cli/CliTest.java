package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, on a temp home, for everything that runs no container. */
@ExtendWith(HermeticHome.class)
class CliTest {
    @TempDir
    Path temp;

    CliRunner cli;

    @BeforeEach
    void freshHome() throws Exception {
        cli = new CliRunner(Files.createTempDirectory(temp, "home-")).at(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private void loadBusybox() {
        Path layout = temp.resolve("busybox-layout");
        if (!Files.exists(layout)) {
            BusyboxImage.writeTo(layout);
        }
        CliRunner.Result r = cli.run("load", "-i", layout.toString(), "--name", "busybox");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void printsItsVersion() {
        CliRunner.Result r = cli.run("version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Client: Stevedore\n Version:     ").contains("OS/Arch:     linux/");
    }

    @Test
    void refusesAnUnknownFlagWithUsageExitCode() {
        CliRunner.Result r = cli.run("ps", "--bogus");

        assertThat(r.code()).isEqualTo(125);
        assertThat(r.err()).isEqualTo("stevedore: Error: Unknown option: '--bogus'\nSee 'stevedore ps --help'.\n");
    }

    @Test
    void refusesAnUnknownCommand() {
        CliRunner.Result r = cli.run("frobnicate");

        assertThat(r.code()).isEqualTo(125);
        assertThat(r.err()).isEqualTo("stevedore: Error: 'frobnicate' is not a stevedore command.\n"
                + "See 'stevedore --help'.\n");
    }

    @Test
    void listsNoContainersOnAFreshHome() {
        CliRunner.Result r = cli.run("ps", "-a");

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(
                "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n");
    }

    @Test
    void explainsATemplateOutsideTheSubset() {
        CliRunner.Result r = cli.run("ps", "--format", "{{range .}}{{.ID}}{{end}}");

        assertThat(r.code()).isEqualTo(125);
        assertThat(r.err()).startsWith("stevedore: Error: unsupported template action '{{range .}}'");
    }

    @Test
    void namesAnUnknownContainer() {
        CliRunner.Result stop = cli.run("stop", "nope");
        CliRunner.Result rm = cli.run("rm", "nope");
        CliRunner.Result logs = cli.run("logs", "nope");
        CliRunner.Result inspect = cli.run("inspect", "nope");

        assertThat(stop.code()).isEqualTo(1);
        assertThat(stop.err()).startsWith("stevedore: Error: No such container: nope");
        assertThat(rm.code()).isEqualTo(1);
        assertThat(rm.err()).startsWith("stevedore: Error: No such container: nope");
        assertThat(logs.code()).isEqualTo(1);
        assertThat(logs.err()).startsWith("stevedore: Error: No such container: nope");
        assertThat(inspect.code()).isEqualTo(1);
        assertThat(inspect.err()).isEqualTo("stevedore: Error: No such object: nope\n");
    }

    @Test
    void refusesInteractiveAndTtyAsUnsupported() {
        CliRunner.Result i = cli.run("run", "-i", "busybox");
        CliRunner.Result t = cli.run("run", "-t", "busybox");
        CliRunner.Result sec = cli.run("run", "--security-opt", "seccomp=unconfined", "busybox");

        assertThat(i.code()).isEqualTo(125);
        assertThat(i.err()).isEqualTo("stevedore: Error: -i/--interactive is not supported in Stevedore 0.1"
                + " (containers get no standard input)\n");
        assertThat(t.code()).isEqualTo(125);
        assertThat(sec.code()).isEqualTo(125);
    }

    @Test
    void loadsListsTagsAndRemovesImages() {
        // given
        loadBusybox();

        // when
        CliRunner.Result tag = cli.run("tag", "busybox", "127.0.0.1:5000/tools/busybox:1");
        CliRunner.Result images = cli.run("images", "--format", "{{.Repository}}:{{.Tag}} {{.CreatedSince}} {{.Size}}");
        CliRunner.Result quiet = cli.run("images", "-q");
        CliRunner.Result rmi = cli.run("rmi", "127.0.0.1:5000/tools/busybox:1");
        CliRunner.Result after = cli.run("image", "ls", "--format", "{{.Repository}}");

        // then
        assertThat(tag.code()).isZero();
        assertThat(images.out()).isEqualTo("127.0.0.1:5000/tools/busybox:1 2 years ago 1.03MB\n"
                + "busybox:latest 2 years ago 1.03MB\n");
        assertThat(quiet.out()).matches("[0-9a-f]{12}\n");
        assertThat(rmi.out()).isEqualTo("Untagged: 127.0.0.1:5000/tools/busybox:1\n");
        assertThat(after.out()).isEqualTo("busybox\n");
    }

    @Test
    void savesAndLoadsADockerArchive() {
        // given
        loadBusybox();
        Path tar = temp.resolve("busybox.tar");

        // when
        CliRunner.Result save = cli.run("save", "-o", tar.toString(), "busybox");
        CliRunner.Result rmi = cli.run("rmi", "busybox");
        CliRunner.Result load = cli.run("load", "-i", tar.toString());

        // then
        assertThat(save.code()).as(save.err()).isZero();
        assertThat(rmi.out()).contains("Untagged: docker.io/library/busybox:latest");
        assertThat(load.out()).isEqualTo("Loaded image: docker.io/library/busybox:latest\n");
    }

    @Test
    void inspectsAnImageAsJsonAndThroughAFormat() {
        loadBusybox();

        CliRunner.Result json = cli.run("inspect", "busybox");
        CliRunner.Result cmd = cli.run("image", "inspect", "-f", "{{json .Config.Cmd}} {{.Os}}", "busybox");

        assertThat(json.out()).startsWith("[ {\n  \"Id\" : \"sha256:").contains("\"RepoTags\" : [ \"docker.io/library/busybox:latest\" ]");
        assertThat(cmd.out()).isEqualTo("[\"sh\"] linux\n");
    }

    @Test
    void reportsDiskUsage() {
        loadBusybox();

        CliRunner.Result df = cli.run("system", "df");

        assertThat(df.out()).isEqualTo("""
                TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE
                Images          1         0         1.03MB    1.03MB (100%)
                Containers      0         0         N/A       N/A
                Local Volumes   0         0         N/A       N/A
                Build Cache     0         0         N/A       N/A
                """);
    }

    @Test
    void createsListsAndRemovesNetworks() {
        CliRunner.Result create = cli.run("network", "create", "app");
        CliRunner.Result ls = cli.run("network", "ls", "--format", "{{.Name}} {{.Driver}}");
        CliRunner.Result rm = cli.run("network", "rm", "app");
        CliRunner.Result again = cli.run("network", "ls", "-q");

        assertThat(create.code()).as(create.err()).isZero();
        assertThat(ls.out()).isEqualTo("host host\nnone null\napp shared\n");
        assertThat(rm.out()).isEqualTo("app\n");
        assertThat(again.out()).isEqualTo("host\nnone\n");
    }

    @Test
    void infoNamesTheStoreAndTheStorageDriver(HermeticEnvironment env) {
        CliRunner.Result r = cli.run("info");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(" Storage Driver: overlay").contains(" Images: 0").contains(" Cgroup Layout: ")
                .contains(" Kernel Version: ");
    }

    @Test
    void loginWithoutAPasswordOffATerminalRefusesAsDocker() {
        CliRunner.Result noPassword = cli.run("login", "-u", "ci", "127.0.0.1:1");
        CliRunner.Result nothing = cli.run("login", "127.0.0.1:1");

        assertThat(noPassword.code()).isEqualTo(1);
        assertThat(noPassword.err())
                .isEqualTo("stevedore: Error: Cannot perform an interactive login from a non TTY device\n");
        assertThat(nothing.code()).isEqualTo(1);
        assertThat(nothing.err()).isEqualTo(noPassword.err());
    }

    @Test
    void loginWithPasswordStdinNeedsAUsername() {
        CliRunner.Result r = cli.runWithInput("secret", "login", "--password-stdin", "127.0.0.1:1");

        assertThat(r.code()).isEqualTo(125);
        assertThat(r.err()).isEqualTo("stevedore: Error: Must provide --username with --password-stdin\n");
    }

    @Test
    void imagePruneRemovesDanglingImagesAndWithAllTheUnusedTaggedOnes() {
        // given
        Path layout = temp.resolve("busybox-layout");
        BusyboxImage.writeTo(layout);
        CliRunner.Result loaded = cli.run("load", "-i", layout.toString());
        assertThat(loaded.out()).as(loaded.err()).startsWith("Loaded image ID: sha256:");
        String id = loaded.out().strip().substring("Loaded image ID: ".length());

        // when
        String danglingIds = cli.run("images", "--filter", "dangling=true", "-q").out();
        CliRunner.Result prune = cli.run("image", "prune", "-f");
        String afterPrune = cli.run("images", "-q").out();
        loadBusybox();
        assertThat(cli.run("tag", "busybox", "tools/busybox:1").code()).isZero();
        CliRunner.Result pruneTagged = cli.run("image", "prune", "-f");
        CliRunner.Result pruneAll = cli.run("image", "prune", "-a", "-f");
        String afterAll = cli.run("images", "-q").out();

        // then
        assertThat(danglingIds).isEqualTo(id.substring("sha256:".length(), "sha256:".length() + 12) + "\n");
        assertThat(prune.code()).as(prune.err()).isZero();
        assertThat(prune.out()).matches("Deleted Images:\ndeleted: " + id
                + "\n\nTotal reclaimed space: [1-9][0-9.]*[kM]B\n");
        assertThat(afterPrune).isEmpty();
        assertThat(pruneTagged.out()).isEqualTo("Total reclaimed space: 0B\n");
        assertThat(pruneAll.code()).as(pruneAll.err()).isZero();
        assertThat(pruneAll.out()).startsWith("Deleted Images:\n").contains("untagged: busybox:latest\n")
                .contains("untagged: tools/busybox:1\n").contains("deleted: " + id + "\n")
                .containsPattern("\n\nTotal reclaimed space: [1-9][0-9.]*[kM]B\n$");
        assertThat(afterAll).isEmpty();
    }

    @Test
    void imagesFiltersByDanglingReferenceAndLabel() {
        // given
        loadBusybox();
        assertThat(cli.run("tag", "busybox", "tools/busybox:1").code()).isZero();
        String f = "{{.Repository}}:{{.Tag}}";

        // when
        CliRunner.Result busy = cli.run("images", "--filter", "reference=busy*", "--format", f);
        CliRunner.Result tools = cli.run("images", "-f", "reference=tools/*", "-f", "reference=nothing*", "--format", f);
        CliRunner.Result named = cli.run("images", "--filter", "dangling=false", "--format", f);
        CliRunner.Result dangling = cli.run("images", "--filter", "dangling=true", "--format", f);
        CliRunner.Result labelled = cli.run("images", "--filter", "label=maintainer", "--format", f);
        CliRunner.Result bad = cli.run("images", "--filter", "dangling=maybe");
        CliRunner.Result unknown = cli.run("images", "--filter", "colour=red");

        // then
        assertThat(busy.out()).isEqualTo("busybox:latest\n");
        assertThat(tools.out()).isEqualTo("tools/busybox:1\n");
        assertThat(named.out().lines().sorted().toList()).containsExactly("busybox:latest", "tools/busybox:1");
        assertThat(dangling.out()).isEmpty();
        assertThat(labelled.out()).isEmpty();
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("stevedore: Error: Invalid filter 'dangling=maybe'\n");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("stevedore: Error: invalid filter 'colour'\n");
    }
}

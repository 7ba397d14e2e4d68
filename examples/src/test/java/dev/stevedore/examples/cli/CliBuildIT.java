package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code build} with its flags, then {@code run -P}, {@code -v} and {@code logs -f}. */
class CliBuildIT extends CliSandboxFixture {
    @Test
    void buildsWithFileArgsTargetAndSecretThenPublishesExposedPorts() throws Exception {
        // given
        Path context = Files.createDirectories(temp.resolve("context"));
        Files.writeString(context.resolve("index.html"), "from the context\n");
        Path secret = Files.writeString(temp.resolve("token.txt"), "t0ken");
        Path dockerfile = Files.writeString(temp.resolve("web.Dockerfile"), """
                FROM busybox:latest AS base
                ARG GREETING=unset
                RUN --mount=type=secret,id=token cp /run/secrets/token /token-copy && echo "$GREETING" > /greeting

                FROM base AS web
                COPY index.html /www/index.html
                EXPOSE 80
                CMD ["httpd", "-f", "-p", "80", "-h", "/www"]

                FROM web AS unused
                RUN exit 1
                """);

        // when
        CliRunner.Result build = cli.run("build", "-q", "-f", dockerfile.toString(), "--build-arg", "GREETING=hi",
                "--target", "web", "--secret", "id=token,src=" + secret, "-t", "web:1", context.toString());
        CliRunner.Result greeting = cli.run("run", "--rm", "web:1", "cat", "/greeting", "/token-copy");
        CliRunner.Result run = cli.run("run", "-d", "--init", "-P", "web:1");
        String ports = cli.run("ps", "--format", "{{.Ports}}").out();

        // then
        assertThat(build.code()).as(build.err()).isZero();
        assertThat(build.out()).matches("sha256:[0-9a-f]{64}\n");
        assertThat(greeting.out()).isEqualTo("hi\nt0ken");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(ports).matches("0\\.0\\.0\\.0:\\d+->80/tcp\n");
    }

    @Test
    void printsPlainProgressAndTheTags() throws Exception {
        Path context = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:latest\nRUN echo step output\n");

        CliRunner.Result build = cli.run("build", "--progress", "plain", "--no-cache", "-t", "plain:1",
                context.toString());

        assertThat(build.code()).as(build.err()).isZero();
        assertThat(build.err()).contains("[stage-0 1/2] FROM busybox:latest\n")
                .contains("[stage-0 2/2] RUN echo step output\n").contains("[stage-0 2/2] step output\n");
        assertThat(build.out()).matches("Successfully built [0-9a-f]{12}\nSuccessfully tagged plain:1\n");
    }

    @Test
    void bindsAHostDirectoryReadOnlyAndFollowsLogsToTheEnd() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("f.txt"), "host file\n");

        CliRunner.Result ro = cli.run("run", "--rm", "-v", data + ":/data:ro", "busybox",
                "sh", "-c", "cat /data/f.txt; touch /data/new 2>/dev/null || echo read-only");
        String id = cli.run("run", "-d", "busybox", "sh", "-c", "echo one; sleep 0.3; echo two").out().strip();
        CliRunner.Result follow = cli.run("logs", "-f", id);

        assertThat(ro.out()).isEqualTo("host file\nread-only\n");
        assertThat(follow.out()).isEqualTo("one\ntwo\n");
    }

    @Test
    void refusesAnUnknownProgressMode() {
        CliRunner.Result r = cli.run("build", "--progress", "fancy", temp.toString());

        assertThat(r.code()).isEqualTo(125);
        assertThat(r.err()).isEqualTo("stevedore: Error: invalid --progress 'fancy': use plain, tty or auto\n");
    }
}

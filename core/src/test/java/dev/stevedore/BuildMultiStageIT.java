package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.ContainerConfig;
import dev.stevedore.oci.History;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class BuildMultiStageIT extends BuildFixture {

    @Test
    void buildsTheTargetStageFromTheStagesItUsesWithDockersConfigAndFiles() throws IOException {
        // given
        write("src/a.txt", "A\n");
        write("src/sub/b.txt", "B\n");
        write("src/skip.log", "ignored\n");
        write(".dockerignore", "**/*.log\n");
        write("run.sh", "#!/bin/sh\necho run\n");
        Files.write(context.resolve("archive.tar.gz"), tarGz("pkg/readme.txt", "inside\n"));
        String dockerfile = """
                ARG BASE=%s
                FROM ${BASE} AS build
                ARG GREETING=hello
                ENV APP_HOME=/app
                WORKDIR $APP_HOME
                COPY src/ ./src/
                COPY --chmod=0755 run.sh /usr/local/bin/run.sh
                RUN echo "$GREETING from $APP_HOME" > /app/out.txt && ls /app/src > /app/listing.txt

                FROM ${BASE} AS unused
                RUN exit 1

                FROM ${BASE}
                LABEL org.example.stage=final
                COPY --from=build --chown=app /app/out.txt /app/listing.txt /srv/
                COPY --from=build /usr/local/bin/run.sh /usr/local/bin/
                ADD archive.tar.gz /opt/
                COPY <<EOF /etc/motd
                welcome
                EOF
                USER app
                EXPOSE 8080
                VOLUME /data
                STOPSIGNAL SIGINT
                HEALTHCHECK --interval=30s CMD true
                ENTRYPOINT ["/bin/sh", "-c"]
                CMD ["cat /srv/out.txt"]
                """.formatted(busybox);

        // when
        Image image = build(dockerfile).tag("built:1").label("extra", "yes").build();

        // then
        assertThat(image.references()).first().asString().endsWith("built:1");
        ContainerConfig c = image.config().config();
        assertThat(c.user()).contains("app");
        assertThat(c.exposedPorts()).containsExactly("8080/tcp");
        assertThat(c.volumes()).containsExactly("/data");
        assertThat(c.labels()).containsEntry("org.example.stage", "final").containsEntry("extra", "yes");
        assertThat(c.stopSignal()).contains("SIGINT");
        assertThat(c.healthcheck().orElseThrow().test()).containsExactly("CMD-SHELL", "true");
        assertThat(c.healthcheck().orElseThrow().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.entrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(c.cmd()).containsExactly("cat /srv/out.txt");
        assertThat(c.env()).noneMatch(e -> e.startsWith("APP_HOME=") || e.startsWith("GREETING="));
        List<String> createdBy = image.history().stream().map(h -> h.createdBy().orElse("")).toList();
        assertThat(createdBy).contains("LABEL org.example.stage=final", "USER app", "EXPOSE [8080/tcp]",
                "ENTRYPOINT [\"/bin/sh\" \"-c\"]", "COPY --chown=app /app/out.txt /app/listing.txt /srv/ # buildkit", "COPY <<EOF /etc/motd # buildkit");
        History user = image.history().stream().filter(h -> h.createdBy().orElse("").equals("USER app")).findFirst()
                .orElseThrow();
        assertThat(user.emptyLayer()).isTrue();
        assertThat(image.layers()).hasSize((int) image.history().stream().filter(h -> !h.emptyLayer()).count());
        assertThat(events.started).noneMatch(s -> s.startsWith("[unused"));
        assertThat(events.started).anyMatch(s -> s.startsWith("[build 7/7] RUN echo"));

        assertThat(run(image, "cat /srv/out.txt /srv/listing.txt /opt/pkg/readme.txt /etc/motd; "
                + "stat -c '%u:%g %a' /srv/out.txt /usr/local/bin/run.sh"))
                .isEqualTo("hello from /app\na.txt\nsub\ninside\nwelcome\n1000:1000 644\n0:0 755\n");

        Image build = build(dockerfile).target("build").build();
        assertThat(build.config().config().workingDir()).contains("/app");
        assertThat(build.config().config().env()).contains("APP_HOME=/app");
        assertThat(run(build, "find /app/src | sort; /usr/local/bin/run.sh"))
                .isEqualTo("/app/src\n/app/src/a.txt\n/app/src/sub\n/app/src/sub/b.txt\nrun\n");
        History runStep = build.history().get(build.history().size() - 1);
        assertThat(runStep.createdBy()).contains("RUN |1 GREETING=hello /bin/sh -c echo \"$GREETING from $APP_HOME\""
                + " > /app/out.txt && ls /app/src > /app/listing.txt # buildkit");
    }

    @Test
    void entrypointResetsTheInheritedCmdButNotOneSetInTheStage() {
        Image image = build("FROM " + busybox + "\nENTRYPOINT [\"echo\"]\n").build();
        assertThat(image.config().config().cmd()).isEmpty();
        Image kept = build("FROM " + busybox + "\nCMD [\"x\"]\nENTRYPOINT [\"echo\"]\n").build();
        assertThat(kept.config().config().cmd()).containsExactly("x");
    }

    static byte[] tarGz(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry dir = new TarArchiveEntry("pkg/");
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(data.length);
            e.setMode(0644);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}

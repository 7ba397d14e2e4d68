package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class BuildInstructionsIT extends BuildFixture {

    @Test
    void argsAreScopedAsBuildKitScopesThem() {
        // given
        String dockerfile = """
                ARG BASE=%s
                ARG VERSION=1.0
                FROM ${BASE}
                RUN echo "before:[$VERSION]" > /before.txt
                ARG VERSION
                ARG OTHER=x-${VERSION}
                ENV FROM_ENV=$OTHER
                RUN echo "after:[$VERSION] other:[$OTHER]" > /after.txt
                """.formatted(busybox);

        // when
        Image image = build(dockerfile).buildArg("VERSION", "2.0").build();

        // then
        assertThat(run(image, "cat /before.txt /after.txt; echo \"[$VERSION][$OTHER]\""))
                .isEqualTo("before:[]\nafter:[2.0] other:[x-2.0]\n[][]\n");
        assertThat(image.config().config().env()).contains("FROM_ENV=x-2.0");
        assertThat(image.history()).anyMatch(h -> h.createdBy().orElse("").startsWith("RUN |2 VERSION=2.0 OTHER=x-2.0 "));
    }

    @Test
    void runsShellAndExecFormsWithShellUserWorkdirHeredocsAndMounts() {
        String dockerfile = """
                FROM %s
                SHELL ["/bin/sh", "-ec"]
                WORKDIR /work
                RUN ["/bin/sh", "-c", "echo exec > exec.txt"]
                RUN <<EOF
                echo heredoc-script > heredoc.txt
                echo second-line >> heredoc.txt
                EOF
                RUN cat <<EOT > fed.txt
                fed-by-heredoc
                EOT
                RUN --network=none cat /proc/net/dev | grep -c : > ifaces.txt
                RUN --mount=type=tmpfs,target=/scratch echo tmp > /scratch/t && cat /scratch/t > tmpfs.txt
                RUN --mount=type=cache,target=/cache echo cached >> /cache/log && cat /cache/log > cache.txt
                USER app
                RUN id -u > /tmp/uid.txt
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "cd /work && cat exec.txt heredoc.txt fed.txt ifaces.txt tmpfs.txt cache.txt /tmp/uid.txt;"
                + " test -e /scratch/t || echo no-scratch; test -e /cache/log || echo no-cache"))
                .isEqualTo("exec\nheredoc-script\nsecond-line\nfed-by-heredoc\n1\ntmp\ncached\n1000\nno-scratch\nno-cache\n");
    }

    @Test
    void independentStagesAreBuiltAndCopiedFrom() {
        String dockerfile = """
                FROM %1$s AS one
                RUN echo one > /one.txt
                FROM %1$s AS two
                RUN echo two > /two.txt
                FROM %1$s AS three
                RUN echo three > /three.txt
                FROM %1$s
                COPY --from=one /one.txt /out/
                COPY --from=two /two.txt /out/
                COPY --from=2 /three.txt /out/
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "cat /out/one.txt /out/two.txt /out/three.txt")).isEqualTo("one\ntwo\nthree\n");
        assertThat(events.started).filteredOn(s -> s.contains("RUN echo")).hasSize(3);
    }

    @Test
    void onbuildTriggersRunInTheChildAndAreNotInherited() throws IOException {
        write("child.txt", "from child context\n");
        Image parent = build("FROM " + busybox + "\nONBUILD COPY child.txt /triggered.txt\nONBUILD RUN echo ran > /ran.txt\n")
                .tag("parent:1").build();
        assertThat(parent.config().config().onBuild()).containsExactly("COPY child.txt /triggered.txt",
                "RUN echo ran > /ran.txt");

        Image child = build("FROM " + parent.references().get(0) + "\nRUN true\n").build();

        assertThat(child.config().config().onBuild()).isEmpty();
        assertThat(run(child, "cat /triggered.txt /ran.txt")).isEqualTo("from child context\nran\n");
    }

    @Test
    void copyFollowsDockersDestinationRules() throws IOException {
        write("f.txt", "f\n");
        write("dir/a.txt", "a\n");
        write("dir/nested/b.txt", "b\n");
        write("glob/x1.md", "x1\n");
        write("glob/x2.md", "x2\n");
        write("glob/y.txt", "y\n");
        String dockerfile = """
                FROM %s
                COPY f.txt /renamed.txt
                COPY f.txt /into/
                COPY dir /contents
                COPY glob/*.md /docs/
                COPY glob/*.none /docs/
                RUN mkdir /existing
                COPY f.txt /existing
                WORKDIR /rel
                COPY f.txt sub/
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "cd / && find renamed.txt into contents docs existing rel -type f | sort"))
                .isEqualTo(String.join("\n", List.of("contents/a.txt", "contents/nested/b.txt", "docs/x1.md",
                        "docs/x2.md", "existing/f.txt", "into/f.txt", "rel/sub/f.txt", "renamed.txt")) + "\n");
    }

    @Test
    void bindMountsOfTheContextAreReadOnlyInputsOfTheCacheKey() throws IOException {
        write("data/x.txt", "one\n");
        String dockerfile = "FROM " + busybox + "\nRUN --mount=type=bind,source=data,target=/data cat /data/x.txt > /x.txt"
                + " && (touch /data/new 2>/dev/null || echo read-only >> /x.txt)\n";
        Image first = build(dockerfile).build();
        assertThat(run(first, "cat /x.txt; test -e /data/x.txt || echo unmounted")).isEqualTo("one\nread-only\nunmounted\n");

        write("data/x.txt", "two\n");
        events.clear();
        Image second = build(dockerfile).build();

        assertThat(events.cached).isEmpty();
        assertThat(run(second, "cat /x.txt")).isEqualTo("two\nread-only\n");
    }

    @Test
    void copyFromAStageSeesItsDeletionsAndWorkdirBelongsToTheUser() {
        String dockerfile = """
                FROM %1$s AS trimmed
                RUN mkdir -p /d/old && echo old > /d/old/f && echo gone > /d/gone.txt
                RUN rm -rf /d && mkdir /d && echo only > /d/only.txt
                FROM %1$s
                COPY --from=trimmed /d /copied-etc/
                USER app
                WORKDIR /home/app/project
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "ls /copied-etc; stat -c '%U:%G' /home/app/project"))
                .isEqualTo("only.txt\napp:app\n");
    }

    @Test
    void buildsFromScratchWithFilesFromAnImageAndTheContext() throws IOException {
        write("plain.txt", "plain\n");
        Files.write(context.resolve("files.tar"), plainTar("t/inside.txt", "in tar\n"));
        String dockerfile = """
                FROM scratch
                COPY --from=%s /bin/busybox /bin/busybox
                COPY --chown=1234:5678 plain.txt /plain.txt
                ADD files.tar /unpacked/
                ENV ONE=1
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(image.layers()).hasSize(3);
        assertThat(image.config().config().env()).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "ONE=1");
        assertThat(image.config().architecture()).isEqualTo(Platform.host().architecture());
        BuildRootfs rootfs = BuildRootfs.of(engine.lowerDirs(image));
        assertThat(rootfs.find("/bin/busybox")).isPresent();
        assertThat(rootfs.readText("/unpacked/t/inside.txt")).contains("in tar\n");
        Path plain = rootfs.find("/plain.txt").orElseThrow();
        assertThat(BuildFiles.uid(plain)).isEqualTo(1234);
        assertThat(BuildFiles.gid(plain)).isEqualTo(5678);
        try (Container c = containers.create(image).entrypoint("/bin/busybox", "cat", "/plain.txt").start()) {
            c.waitFor();
            assertThat(c.output()).isEqualTo("plain\n");
        }
    }

    @Test
    void symbolicLinksResolveInsideTheImage() throws IOException {
        write("f.txt", "f\n");
        String dockerfile = """
                FROM %s AS base
                RUN mkdir -p /real/dir && ln -s /real/dir /link && ln -s ../real /rel-link && echo t > /real/dir/t.txt
                COPY f.txt /link/
                COPY f.txt /rel-link/dir/g.txt
                WORKDIR /link/sub
                FROM base
                COPY --from=base /link/t.txt /copied/
                COPY --from=base /link /copied-dir/
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "cd /real/dir && find . | sort; test -L /link && echo link; ls /copied /copied-dir"))
                .isEqualTo("""
                        .
                        ./f.txt
                        ./g.txt
                        ./sub
                        ./t.txt
                        link
                        /copied:
                        t.txt

                        /copied-dir:
                        f.txt
                        g.txt
                        sub
                        t.txt
                        """);
    }

    @Test
    void copyHeredocsAreExpandedUnlessTheirDelimiterIsQuoted() {
        String dockerfile = """
                FROM %s
                ENV NAME=world
                COPY <<EOF /expanded.txt
                hello "$NAME" ${NAME}!
                EOF
                COPY <<'EOF' /literal.txt
                hello "$NAME"
                EOF
                COPY <<A <<B /both/
                first
                A
                second
                B
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "cat /expanded.txt /literal.txt /both/A /both/B"))
                .isEqualTo("hello \"world\" world!\nhello \"$NAME\"\nfirst\nsecond\n");
    }

    static byte[] plainTar(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar =
                new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e =
                    new TarArchiveEntry(name);
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}

package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuildRunMountsIT extends BuildFixture {

    @Test
    void bindMountsFromAStageAreReadOnlyInputsAndStayOutOfTheLayer() throws IOException {
        String dockerfile = """
                FROM %1$s AS producer
                ARG CONTENT=first
                RUN mkdir /made && echo "$CONTENT" > /made/p.txt
                FROM %1$s
                RUN --mount=type=bind,from=producer,source=/made,target=/in cat /in/p.txt > /copied.txt \\
                    && (touch /in/new 2>/dev/null && echo writable || echo read-only) > /ro.txt
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "cat /copied.txt /ro.txt; ls /in 2>&1 || echo no-in")).startsWith("first\nread-only\n")
                .endsWith("no-in\n");
        Path layer = engine.lowerDirs(image).get(0);
        assertThat(BuildCopyParentsIT.listing(layer)).containsExactly("copied.txt=first\n", "ro.txt=read-only\n");

        events.clear();
        build(dockerfile).build();
        assertThat(events.cached).hasSize(2);
        events.clear();
        Image changed = build(dockerfile).buildArg("CONTENT", "second").build();
        assertThat(events.cached).isEmpty();
        assertThat(run(changed, "cat /copied.txt")).isEqualTo("second\n");
    }

    @Test
    void writableBindMountsFromAStageOrAnImageDiscardTheirWrites() {
        String dockerfile = """
                FROM %1$s AS producer
                RUN mkdir /made && echo p > /made/p.txt
                FROM %1$s
                RUN --mount=type=bind,from=producer,source=/made,target=/in,rw echo w > /in/written && ls /in > /first.txt
                RUN --mount=type=bind,from=producer,source=/made,target=/in ls /in > /second.txt
                RUN --mount=type=bind,from=%1$s,source=/bin/busybox,target=/bb cmp /bb /bin/busybox && echo from-image > /image.txt
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "cat /first.txt; echo --; cat /second.txt; cat /image.txt; test -e /bb || echo no-bb"))
                .isEqualTo("p.txt\nwritten\n--\np.txt\nfrom-image\nno-bb\n");
    }

    @Test
    void lockedCacheMountsMakeConcurrentRunsWaitForEachOther() throws IOException {
        String dockerfile = """
                FROM %1$s AS a
                RUN --mount=type=cache,id=sync-locked,target=/sync touch /sync/a; \\
                    i=0; while [ ! -e /sync/b ] && [ $i -lt 30 ]; do sleep 1; i=$((i+1)); done
                RUN --mount=type=cache,id=shared-log,target=/c,sharing=locked \\
                    echo start-a >> /c/log; sleep 2; echo end-a >> /c/log
                FROM %1$s AS b
                RUN --mount=type=cache,id=sync-locked,target=/sync touch /sync/b; \\
                    i=0; while [ ! -e /sync/a ] && [ $i -lt 30 ]; do sleep 1; i=$((i+1)); done
                RUN --mount=type=cache,id=shared-log,target=/c,sharing=locked \\
                    echo start-b >> /c/log; sleep 2; echo end-b >> /c/log
                FROM %1$s
                COPY --from=a /etc/hostname /a
                COPY --from=b /etc/hostname /b
                RUN --mount=type=cache,id=shared-log,target=/c,sharing=locked cat /c/log > /log.txt
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        String log = run(image, "cat /log.txt");
        assertThat(log).isIn("start-a\nend-a\nstart-b\nend-b\n", "start-b\nend-b\nstart-a\nend-a\n");
        try (Stream<Path> s = Files.list(home.resolve("build-cache-mounts"))) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .contains(BuildCache.key("shared-log") + ".lock", BuildCache.key("shared-log"));
        }
    }

    @Test
    void privateCacheMountsGiveAConcurrentRunADirectoryOfItsOwn() throws IOException {
        String dockerfile = """
                FROM %1$s AS a
                RUN --mount=type=cache,id=sync-private,target=/sync touch /sync/a; \\
                    i=0; while [ ! -e /sync/b ] && [ $i -lt 30 ]; do sleep 1; i=$((i+1)); done
                RUN --mount=type=cache,id=mine,target=/c,sharing=private \\
                    echo a > /c/m; sleep 3; cat /c/m > /res; ls /c > /ls
                FROM %1$s AS b
                RUN --mount=type=cache,id=sync-private,target=/sync touch /sync/b; \\
                    i=0; while [ ! -e /sync/a ] && [ $i -lt 30 ]; do sleep 1; i=$((i+1)); done
                RUN --mount=type=cache,id=mine,target=/c,sharing=private \\
                    echo b > /c/m; sleep 3; cat /c/m > /res; ls /c > /ls
                FROM %1$s
                COPY --from=a /res /ra
                COPY --from=b /res /rb
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "cat /ra /rb")).isEqualTo("a\nb\n");
        Path kept = home.resolve("build-cache-mounts").resolve(BuildCache.key("mine")).resolve("m");
        assertThat(Files.readString(kept)).isIn("a\n", "b\n");
    }
}

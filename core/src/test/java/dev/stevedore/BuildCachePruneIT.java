package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuildCachePruneIT extends BuildFixture {

    @Test
    void pruneRemovesCacheEntriesAndCacheMountsSoARebuildRunsEveryStep() throws IOException {
        write("f.txt", "f\n");
        String dockerfile = """
                FROM %s
                COPY f.txt /f.txt
                RUN --mount=type=cache,target=/cache echo run >> /cache/log && cat /cache/log > /log.txt
                """.formatted(busybox);
        Image first = build(dockerfile).tag("pruned:1").build();
        Path mounts = home.resolve("build-cache-mounts");
        assertThat(children(mounts)).isEqualTo(1);

        BuildCachePruneReport report = engine.images().pruneBuildCache();

        assertThat(report.entriesRemoved()).isEqualTo(2);
        assertThat(report.mountsRemoved()).isEqualTo(1);
        assertThat(report.bytesFreed()).isGreaterThan(0);
        assertThat(children(mounts)).isZero();
        assertThat(engine.store().holds().list()).noneMatch(h -> h.name().startsWith(BuildCache.PREFIX));
        assertThat(engine.images().find("pruned:1")).map(Image::id).contains(first.id());
        assertThat(run(first, "cat /log.txt")).isEqualTo("run\n");

        events.clear();
        Image second = build(dockerfile).build();

        assertThat(events.cached).isEmpty();
        assertThat(run(second, "cat /log.txt")).isEqualTo("run\n"); // a fresh cache mount
    }

    @Test
    void pruneOfAnEmptyCacheRemovesNothing() {
        BuildCachePruneReport report = engine.images().pruneBuildCache();

        assertThat(report.entriesRemoved()).isZero();
        assertThat(report.mountsRemoved()).isZero();
    }

    private static long children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}

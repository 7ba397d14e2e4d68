package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {
    @TempDir
    Path dir;

    private static String line(String stream, String text) {
        return "{\"log\":\"" + text + "\\n\",\"stream\":\"" + stream + "\",\"time\":\"2026-01-01T00:00:00.000000001Z\"}\n";
    }

    private void append(Path file, String s) throws IOException {
        Files.writeString(file, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void readsRotatedFilesOldestFirstAndSkipsAnUnfinishedLine() throws IOException {
        append(dir.resolve("container.log.2"), line("stdout", "one"));
        append(dir.resolve("container.log.1"), line("stderr", "two"));
        append(dir.resolve("container.log"), line("stdout", "three") + "{\"log\":\"partial");

        List<LogLine> lines = LogFiles.readAll(dir);

        assertThat(lines).extracting(LogLine::text).containsExactly("one\n", "two\n", "three\n");
        assertThat(lines.get(1).stream()).isEqualTo(LogLine.Stream.STDERR);
        assertThat(LogLine.text(lines)).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void skipsMalformedLines() {
        assertThat(LogFiles.parse("not json")).isEmpty();
        assertThat(LogFiles.parse("{\"log\":\"x\",\"time\":\"yesterday\"}")).isEmpty();
        assertThat(LogFiles.parse("{\"log\":\"x\"}")).map(LogLine::text).contains("x");
    }

    @Test
    void followsNewLinesAcrossARotationUntilTheContainerEnds() throws Exception {
        // given
        Path log = dir.resolve("container.log");
        append(log, line("stdout", "a"));
        AtomicBoolean ended = new AtomicBoolean();
        ManualWaitClock clock = new ManualWaitClock();
        LogFollower follower = new LogFollower(() -> dir, ended::get, clock);

        // when / then
        assertThat(follower.next(Duration.ofSeconds(1)).map(LogLine::text)).contains("a\n");
        assertThat(follower.next(Duration.ofMillis(100))).isEmpty();
        assertThat(follower.isFinished()).isFalse();

        append(log, line("stdout", "b"));
        Files.move(log, dir.resolve("container.log.1")); // the shim rotates after b...
        append(dir.resolve("container.log.1"), ""); // (nothing more in the old file)
        append(log, line("stdout", "c")); // ...and goes on in a new file

        assertThat(follower.next(Duration.ofSeconds(1)).map(LogLine::text)).contains("b\n");
        assertThat(follower.next(Duration.ofSeconds(1)).map(LogLine::text)).contains("c\n");
        ended.set(true);
        assertThat(follower.next(Duration.ofSeconds(1))).isEmpty();
        assertThat(follower.isFinished()).isTrue();
    }

    @Test
    void continuesWhereItWasWhenTheLogIsKeptElsewhere() throws Exception {
        // given an attached container's log, copied beside its record once it ended
        Path state = Files.createDirectory(dir.resolve("sandbox"));
        Path kept = dir.resolve("logs");
        append(state.resolve("container.log"), line("stdout", "a"));
        AtomicReference<Path> where = new AtomicReference<>(state);
        AtomicBoolean ended = new AtomicBoolean();
        LogFollower follower = new LogFollower(where::get, ended::get, new ManualWaitClock());
        assertThat(follower.next(Duration.ofSeconds(1)).map(LogLine::text)).contains("a\n");

        // when
        append(state.resolve("container.log"), line("stdout", "b"));
        Files.createDirectory(kept);
        Files.copy(state.resolve("container.log"), kept.resolve("container.log"));
        where.set(kept);
        ended.set(true);

        // then
        assertThat(follower.lines()).extracting(LogLine::text).containsExactly("b\n");
    }

    @Test
    void returnsNothingAfterClose() throws Exception {
        append(dir.resolve("container.log"), line("stdout", "a"));
        LogFollower follower = new LogFollower(() -> dir, () -> false, new ManualWaitClock());
        follower.close();
        follower.close();
        assertThat(follower.next(Duration.ofSeconds(1))).isEqualTo(Optional.empty());
    }

    @Test
    void endsWithTheKeptLogWhenTheFilesWentBeforeItsFirstLook() throws Exception {
        // an auto-removed container: ended, files gone, its whole log kept in memory
        List<LogLine> kept = List.of(LogFiles.parse(line("stdout", "a")).orElseThrow(),
                LogFiles.parse(line("stderr", "b")).orElseThrow());
        LogFollower follower = new LogFollower(() -> dir.resolve("gone"), () -> true, () -> Optional.of(kept),
                new ManualWaitClock());

        assertThat(follower.lines()).extracting(LogLine::text).containsExactly("a\n", "b\n");
        assertThat(follower.isFinished()).isTrue();
    }

    @Test
    void takesFromTheKeptLogOnlyWhatItHadNotReturned() throws Exception {
        Path state = Files.createDirectory(dir.resolve("sandbox"));
        append(state.resolve("container.log"), line("stdout", "a"));
        AtomicBoolean ended = new AtomicBoolean();
        List<LogLine> kept = List.of(LogFiles.parse(line("stdout", "a")).orElseThrow(),
                LogFiles.parse(line("stdout", "b")).orElseThrow(), LogFiles.parse(line("stdout", "c")).orElseThrow());
        LogFollower follower = new LogFollower(() -> state, ended::get, () -> Optional.of(kept),
                new ManualWaitClock());
        assertThat(follower.next(Duration.ofSeconds(1)).map(LogLine::text)).contains("a\n");

        Files.delete(state.resolve("container.log"));
        Files.delete(state);
        ended.set(true);

        assertThat(follower.lines()).extracting(LogLine::text).containsExactly("b\n", "c\n");
    }
}

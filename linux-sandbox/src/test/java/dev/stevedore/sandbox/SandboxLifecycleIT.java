package dev.stevedore.sandbox;

import static dev.stevedore.sandbox.Sandboxes.DEADLINE;
import static dev.stevedore.sandbox.Sandboxes.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Starting, signalling, stopping, pausing and removing real sandboxes, and what they log. */
class SandboxLifecycleIT {
    @RegisterExtension
    final Sandboxes boxes = new Sandboxes();

    @ParameterizedTest(name = "exit {0}")
    @ValueSource(ints = {0, 1})
    void reportsTheExitCodeOfTheProcess(int code) throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sh", "-c", "exit " + code)));

        // when
        ExitStatus status = ended(box);

        // then
        assertThat(status.exitCode()).isEqualTo(code);
        assertThat(status.signal()).isEmpty();
        assertThat(status.oomKilled()).isFalse();
        assertThat(box.isRunning()).isFalse();
        assertThat(box.exitStatus()).contains(status);
    }

    @Test
    void reportsExitCode126ForAFileThatCannotBeExecuted() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Path script = boxes.writeInRootfs("/notexec", "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        SandboxSpec spec = boxes.builder(process("/notexec")).build();
        List<Long> zombiesBefore = Leftovers.orphanedShimZombies();

        // when / then
        assertThatThrownBy(() -> boxes.start(spec))
                .isInstanceOfSatisfying(SandboxStartException.class, e -> {
                    assertThat(e.exitCode()).hasValue(126);
                    assertThat(e.step()).isEqualTo(SandboxStep.EXEC_DENIED);
                    assertThat(e.detail()).isEqualTo("/notexec");
                })
                .hasMessageContaining("/notexec")
                .hasMessageContaining("126");
        assertThat(Leftovers.orphanedShimZombies()).as("processes of the failed start nobody reaped")
                .isSubsetOf(zombiesBefore);
    }

    @Test
    void reportsExitCode127ForACommandNotOnThePath() {
        Preconditions.requiresSandbox();
        // given
        SandboxSpec spec = boxes.builder(process("no-such-command", "arg")).build();
        List<Long> zombiesBefore = Leftovers.orphanedShimZombies();

        // when / then
        assertThatThrownBy(() -> boxes.start(spec))
                .isInstanceOfSatisfying(SandboxStartException.class, e -> {
                    assertThat(e.exitCode()).hasValue(127);
                    assertThat(e.step()).isEqualTo(SandboxStep.EXEC_NOT_FOUND);
                })
                .hasMessageContaining("\"no-such-command\": executable file not found in $PATH");
        assertThat(Leftovers.orphanedShimZombies()).as("processes of the failed start nobody reaped")
                .isSubsetOf(zombiesBefore);
    }

    @Test
    void refusesAMissingRootfsNamingItAndLeavingNothing() {
        Preconditions.requiresSandbox();
        // given
        Path missing = boxes.tmp().resolve("no-such-rootfs");
        SandboxSpec spec = boxes.track(SandboxSpec.builder(boxes.newStateDir(), Rootfs.directory(missing),
                process("true")).build());

        // when / then
        assertThatThrownBy(() -> boxes.start(spec))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining(missing.toString());
        assertThat(spec.stateDir().getParent()).as("state root, made by nobody").doesNotExist();
        assertThat(Leftovers.cgroupDirs("stevedore", spec.id())).isEmpty();
    }

    @Test
    void refusesAMissingOverlayLowerNamingItAndLeavingNothing() {
        Preconditions.requiresSandbox();
        // given
        Path missing = boxes.tmp().resolve("no-such-layer");
        Path upper = boxes.tmp().resolve("upper");
        SandboxSpec spec = boxes.track(SandboxSpec.builder(boxes.newStateDir(),
                Rootfs.overlay(List.of(missing), upper, boxes.tmp().resolve("work")), process("true")).build());

        // when / then
        assertThatThrownBy(() -> boxes.start(spec))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining(missing.toString());
        assertThat(spec.stateDir().getParent()).doesNotExist();
        assertThat(upper).doesNotExist();
    }

    @Test
    void reports137WhenKilledWithSigkill() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")));

        // when
        box.kill(9);
        ExitStatus status = ended(box);

        // then
        assertThat(status.exitCode()).isEqualTo(137);
        assertThat(status.signal()).hasValue(9);
    }

    @Test
    void stopInInitModeEndsTheWorkloadWithSigterm() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")).init(true));

        // when
        ExitStatus status = box.stop(Duration.ofSeconds(5));

        // then: init forwarded SIGTERM, sleep died of it, init exited 128+15
        assertThat(status.exitCode()).isEqualTo(143);
        assertThat(status.signal()).isEmpty();
    }

    @Test
    void stopInDirectModeKillsAPid1ThatIgnoresSigterm() throws Exception {
        Preconditions.requiresSandbox();
        // given: sleep as PID 1 has no SIGTERM handler, so the kernel drops SIGTERM
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")));

        // when
        ExitStatus status = box.stop(Duration.ofMillis(200));

        // then
        assertThat(status.exitCode()).isEqualTo(137);
        assertThat(status.signal()).hasValue(9);
    }

    @Test
    void initForwardsSignalsToTheWorkload() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sh", "-c",
                "trap 'exit 42' USR1; echo ready; while :; do sleep 0.05; done")).init(true));
        assertThat(Sandboxes.await(DEADLINE, () -> Sandboxes.stdout(box).contains("ready"))).isTrue();

        // when
        box.kill(10);

        // then
        assertThat(ended(box).exitCode()).isEqualTo(42);
    }

    @Test
    void initReapsOrphansThatExit() throws Exception {
        Preconditions.requiresSandbox();
        // given: five orphans (their parent subshell exits at once) that end a moment later
        Sandbox box = boxes.start(boxes.builder(process("sh", "-c",
                "for i in 1 2 3 4 5; do (sleep 0.1 &); done; echo spawned; exec tail -f /dev/null")).init(true));
        assertThat(Sandboxes.await(DEADLINE, () -> Sandboxes.stdout(box).contains("spawned"))).isTrue();

        // when: the orphans have ended (no sleep left, in any state, zombie included)
        List<String> stats = new ArrayList<>();
        boolean gone = Sandboxes.await(DEADLINE, () -> {
            stats.clear();
            stats.addAll(processStats(box));
            return stats.stream().noneMatch(s -> s.contains("(sleep)"));
        });

        // then
        assertThat(gone).as("orphans still listed: %s", stats).isTrue();
        assertThat(stats).noneMatch(s -> s.substring(s.lastIndexOf(')') + 2).startsWith("Z"));
        assertThat(stats).anyMatch(s -> s.startsWith("1 (")).anyMatch(s -> s.contains("(tail)"));
    }

    @Test
    void pauseFreezesTheWorkloadAndResumeLetsItContinue() throws Exception {
        Preconditions.requiresSandbox();
        // given: a workload appending a line to a counter file, over and over
        Path counter = boxes.rootfs().resolve("/tmp/counter");
        Sandbox box = boxes.start(boxes.builder(process("sh", "-c",
                "i=0; while :; do i=$((i+1)); echo $i >> /tmp/counter; usleep 5000; done")));
        assertThat(Sandboxes.await(DEADLINE, () -> lines(counter) >= 3)).isTrue();

        // when
        box.pause();
        long frozenAt = lines(counter);
        Thread.sleep(300); // gives a workload that was not frozen the chance to write more
        long whilePaused = lines(counter);
        box.resume();

        // then
        assertThat(whilePaused).isEqualTo(frozenAt);
        assertThat(Sandboxes.await(DEADLINE, () -> lines(counter) > whilePaused)).isTrue();
        assertThat(box.isRunning()).isTrue();
    }

    @Test
    void closingAPausedSandboxLeavesNothing() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")).init(true));
        box.pause();

        // when
        box.close();

        // then
        assertThat(box.isRunning()).isFalse();
        assertThat(Leftovers.running(box.pid())).isFalse();
        assertThat(Leftovers.cgroupDirs("stevedore", box.id())).isEmpty();
        assertThat(box.stateDir()).doesNotExist();
    }

    @Test
    void passesStdinToTheWorkload() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("cat").withStdinOpen()));

        // when
        try (OutputStream in = box.stdin()) {
            in.write("hello\n".getBytes(StandardCharsets.UTF_8));
        }
        ExitStatus status = ended(box);

        // then
        assertThat(status.exitCode()).isZero();
        assertThat(Sandboxes.stdout(box)).isEqualTo("hello\n");
    }

    @Test
    void passesAMebibyteThroughStdinAndStdoutWithoutStalling() throws Exception {
        Preconditions.requiresSandbox();
        // given: cat writes back what it reads, so stdin and stdout must both keep flowing
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        Sandbox box = boxes.start(boxes.builder(process("cat").withStdinOpen()));

        // when
        Thread writer = new Thread(() -> {
            try (OutputStream in = box.stdin()) {
                in.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        Optional<ExitStatus> status = box.waitFor(DEADLINE);

        // then
        assertThat(status).as("cat ended").hasValueSatisfying(s -> assertThat(s.exitCode()).isZero());
        assertThat(box.stdout()).isEqualTo(data);
    }

    @Test
    void logsStdoutAndStderrInTheJsonFileFormat() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Instant before = Instant.now().minusSeconds(1);
        Sandbox box = boxes.start(boxes.builder(process("sh", "-c", "echo out; echo err >&2; printf partial")));

        // when
        ended(box);
        List<LogEntry> logs = box.logs();

        // then
        assertThat(logs).extracting(LogEntry::stream, LogEntry::text).containsExactlyInAnyOrder(
                tuple(OutputListener.Stream.STDOUT, "out\n"),
                tuple(OutputListener.Stream.STDERR, "err\n"),
                tuple(OutputListener.Stream.STDOUT, "partial"));
        assertThat(logs).allSatisfy(e -> assertThat(e.time()).isAfter(before).isBefore(Instant.now().plusSeconds(1)));
        assertThat(Files.readAllLines(box.stateDir().resolve("container.log")).get(0))
                .matches("\\{\"log\":\".*\",\"stream\":\"std(out|err)\",\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z\"}");
    }

    @Test
    void logsOutputThatIsNotUtf8() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sh", "-c", "printf 'bin\\377\\376ary\\n'")));

        // when
        ended(box);
        List<LogEntry> logs = box.logs();

        // then: invalid bytes read as U+FFFD, as Docker writes them
        assertThat(logs).extracting(LogEntry::text).containsExactly("bin\ufffd\ufffdary\n");
    }

    @Test
    void logsWithoutRotatingWhenTheMaximumSizeIsZero() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sh", "-c", "for i in $(seq 1 50); do echo line-$i; done"))
                .log(0, 1));

        // when
        ended(box);

        // then
        assertThat(box.logs()).hasSize(50).last().extracting(LogEntry::text).isEqualTo("line-50\n");
    }

    @Test
    void splitsLinesLongerThan16KibInTheLog() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sh", "-c", "yes x | head -n 20000 | tr -d '\\n'; echo")));

        // when
        ended(box);
        List<String> pieces = box.logs().stream().filter(e -> e.stream() == OutputListener.Stream.STDOUT)
                .map(LogEntry::text).toList();

        // then
        assertThat(pieces).extracting(String::length).containsExactly(16384, 20000 - 16384 + 1);
        assertThat(String.join("", pieces)).isEqualTo("x".repeat(20000) + "\n");
    }

    @Test
    void rotatesTheLogKeepingTheConfiguredNumberOfFiles() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sh", "-c", "for i in $(seq 1 200); do echo line-$i; done"))
                .log(1024, 2));

        // when
        ended(box);

        // then
        List<String> files;
        try (Stream<Path> s = Files.list(box.stateDir())) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("container.log")).sorted().toList();
        }
        assertThat(files).containsExactly("container.log", "container.log.1");
        int longest = Files.readAllLines(box.stateDir().resolve("container.log")).stream().mapToInt(String::length)
                .max().orElse(0) + 1;
        for (String f : files) {
            assertThat(Files.size(box.stateDir().resolve(f))).as(f).isPositive().isLessThanOrEqualTo(1024L + longest);
        }
        List<String> texts = box.logs().stream().map(LogEntry::text).toList();
        assertThat(texts).last().isEqualTo("line-200\n");
        assertThat(texts).doesNotContain("line-1\n").hasSizeLessThan(200);
        int first = Integer.parseInt(texts.get(0).trim().substring("line-".length()));
        List<String> expected = new ArrayList<>();
        for (int i = first; i <= 200; i++) {
            expected.add("line-" + i + "\n");
        }
        assertThat(texts).isEqualTo(expected);
    }

    @Test
    void closeLeavesNoProcessMountCgroupOrStateBehind() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")).init(true));
        long pid = box.pid();
        long shim = box.shimPid();
        assertThat(Leftovers.running(pid)).isTrue();
        assertThat(Leftovers.running(shim)).isTrue();
        assertThat(Leftovers.cgroupDirs("stevedore", box.id())).isNotEmpty();

        // when
        box.close();

        // then
        assertThat(Leftovers.running(pid)).isFalse();
        assertThat(Leftovers.running(shim)).isFalse();
        assertThat(Leftovers.mountsMentioning(box.stateDir())).isEmpty();
        assertThat(Leftovers.mountsMentioning(boxes.rootfs().root())).isEmpty();
        assertThat(Leftovers.cgroupDirs("stevedore", box.id())).isEmpty();
        assertThat(box.stateDir()).doesNotExist();
        box.close(); // twice is harmless
    }

    @Test
    void overlayRootfsWritesLandInTheUpperDirectoryOnly() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Path lower = boxes.rootfs().root();
        String groupBefore = Files.readString(lower.resolve("etc/group"));
        Path upper = boxes.tmp().resolve("upper");
        Path work = boxes.tmp().resolve("work");
        Sandbox box = boxes.start(SandboxSpec.builder(boxes.newStateDir(), Rootfs.overlay(List.of(lower), upper, work),
                process("sh", "-c", "echo new > /created.txt && echo extra >> /etc/group")));

        // when
        ExitStatus status = ended(box);
        box.close();

        // then
        assertThat(status.exitCode()).isZero();
        assertThat(upper.resolve("created.txt")).hasContent("new");
        assertThat(Files.readString(upper.resolve("etc/group"))).isEqualTo(groupBefore + "extra\n");
        assertThat(lower.resolve("created.txt")).doesNotExist();
        assertThat(Files.readString(lower.resolve("etc/group"))).isEqualTo(groupBefore);
    }

    @Test
    void mountsAnOverlayOfAHundredLayers() throws Exception {
        Preconditions.requiresSandbox();
        mountsAHundredLayers();
    }

    @Test
    void mountsAHundredLayersWithMountOptionsAsOlderKernelsMust() throws Exception {
        Preconditions.requiresSandbox();
        // given the fallback for kernels without fsconfig's lowerdir+: one option string of short relative paths
        System.setProperty(RunConfig.LEGACY_OVERLAY_PROPERTY, "true");
        try {
            mountsAHundredLayers();
        } finally {
            System.clearProperty(RunConfig.LEGACY_OVERLAY_PROPERTY);
        }
    }

    private void mountsAHundredLayers() throws Exception {
        // given: layer-000 .. layer-099, each with a file of its own and its number in /which
        List<Path> lowers = new ArrayList<>();
        for (int i = 99; i >= 0; i--) {
            Path layer = boxes.tmp().resolve("layers").resolve(String.format("%03d", i));
            Files.createDirectories(layer);
            Files.writeString(layer.resolve(String.format("layer-%03d", i)), i + "\n");
            Files.writeString(layer.resolve("which"), i + "\n");
            lowers.add(layer);
        }
        lowers.add(boxes.rootfs().root());
        Rootfs rootfs = Rootfs.overlay(lowers, boxes.tmp().resolve("upper"), boxes.tmp().resolve("work"));

        // when
        Sandbox box = boxes.start(SandboxSpec.builder(boxes.newStateDir(), rootfs,
                process("cat", "/layer-000", "/layer-099", "/which")));
        ExitStatus status = ended(box);

        // then
        assertThat(status.exitCode()).as("stderr: %s", new String(box.stderr(), StandardCharsets.UTF_8)).isZero();
        assertThat(Sandboxes.stdout(box)).isEqualTo("0\n99\n99\n");
    }

    private static ExitStatus ended(Sandbox box) throws InterruptedException {
        return box.waitFor(DEADLINE).orElseThrow(() -> new AssertionError(box + " did not end within " + DEADLINE));
    }

    /** Every /proc/<pid>/stat line inside the sandbox, read by an exec. */
    private static List<String> processStats(Sandbox box) {
        try (ExecProcess p = box.exec(process("sh", "-c", "cat /proc/[0-9]*/stat 2>/dev/null; true"))) {
            ExitStatus status = p.waitFor(DEADLINE).orElseThrow();
            assertThat(status.exitCode()).isZero();
            return new String(p.stdout(), StandardCharsets.UTF_8).lines().toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).chars().filter(c -> c == '\n').count() : 0;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

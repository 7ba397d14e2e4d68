package dev.stevedore.sandbox;

import static dev.stevedore.sandbox.Sandboxes.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A detached sandbox outlives the JVM that started it and is found again from another. */
class SandboxDetachedIT {
    @RegisterExtension
    final Sandboxes boxes = new Sandboxes();

    @Test
    void servesAfterItsJvmExitedAndIsStoppedAndRemovedFromAnother() throws Exception {
        Preconditions.requiresSandbox();
        // given: a child JVM started a detached httpd with a published port, then exited
        Map<String, String> started;
        try (ChildJvm jvm = ChildJvm.start("detached-httpd", boxes.stateRoot(), boxes.rootfs().root(),
                boxes.tmp().resolve("child-jvm.err"))) {
            started = jvm.awaitReady(DEADLINE);
            assertThat(jvm.awaitExit(DEADLINE)).as("child JVM exit code; stderr: %s", jvm.stderrText()).isZero();
        }
        Path stateDir = Path.of(started.get("detached.stateDir"));
        long pid = Long.parseLong(started.get("detached.pid"));
        long shimPid = Long.parseLong(started.get("detached.shimPid"));
        boxes.trackForeign(started.get("detached.id"), stateDir, pid, shimPid);
        int port = Integer.parseInt(started.get("port"));

        // when: this JVM talks to it and finds it again
        String page = LoopbackHttp.get(port, DEADLINE).orElse(null);
        Sandbox box = boxes.track(boxes.runtime().attach(stateDir));

        // then
        assertThat(page).isEqualTo(ChildJvmMain.PAGE);
        assertThat(box.detached()).isTrue();
        assertThat(box.isRunning()).isTrue();
        assertThat(box.exitStatus()).isEmpty();
        assertThat(box.pid()).isEqualTo(pid);
        assertThat(box.shimPid()).isEqualTo(shimPid);
        assertThat(box.ports()).extracting(PublishedPort::hostPort).containsExactly(port);
        assertThat(box.logs()).extracting(LogEntry::text).contains("started\n");

        // when: it is stopped
        ExitStatus status = box.stop(Duration.ofSeconds(10));

        // then: init passed SIGTERM on to httpd
        assertThat(status.exitCode()).isEqualTo(143);
        assertThat(box.isRunning()).isFalse();
        assertThat(box.exitStatus()).hasValueSatisfying(s -> assertThat(s.exitCode()).isEqualTo(143));
        assertThat(Leftovers.running(shimPid)).isFalse();
        assertThat(Leftovers.running(pid)).isFalse();
        assertThat(LoopbackHttp.get(port, Duration.ofMillis(200))).isEmpty();

        // when: it is removed
        box.remove();

        // then
        assertThat(stateDir).doesNotExist();
        assertThat(Leftovers.cgroupDirs("stevedore", box.id())).isEmpty();
        box.remove(); // twice is harmless
    }

    @Test
    void stopsADetachedSandboxWhoseShimNobodyReaps() throws Exception {
        Preconditions.requiresSandbox();
        try (ChildJvm jvm = ChildJvm.start("detached-under-subreaper", boxes.stateRoot(), boxes.rootfs().root(),
                boxes.tmp().resolve("child-jvm.err"))) {
            // given: the shim's parent is a JVM that never reaps it, so its corpse stays a zombie
            Map<String, String> started = jvm.awaitReady(DEADLINE);
            long shimPid = Long.parseLong(started.get("detached.shimPid"));
            Path stateDir = Path.of(started.get("detached.stateDir"));
            boxes.trackForeign(started.get("detached.id"), stateDir, Long.parseLong(started.get("detached.pid")),
                    shimPid);
            Sandbox box = boxes.track(boxes.runtime().attach(stateDir));
            assertThat(parentOf(shimPid)).isEqualTo(jvm.process().pid());

            // when
            ExitStatus status = box.stop(Duration.ofSeconds(10));
            box.remove();

            // then
            assertThat(status.exitCode()).isEqualTo(143);
            assertThat(box.isRunning()).isFalse();
            assertThat(box.stateDir()).doesNotExist();
        }
    }

    @Test
    void aDetachedSandboxThatCannotStartLeavesNothing() throws Exception {
        Preconditions.requiresSandbox();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // given
            SandboxSpec spec = boxes.track(boxes.builder(Sandboxes.process("sleep", "100")).detached(true)
                    .publish(PortMapping.tcp(taken.getLocalPort(), 80).onHost("127.0.0.1")).build());

            // when / then
            assertThatThrownBy(() -> boxes.start(spec))
                    .isInstanceOfSatisfying(SandboxStartException.class,
                            e -> assertThat(e.step()).isEqualTo(SandboxStep.PORT))
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(spec.stateDir()).doesNotExist();
        }
    }

    @Test
    void attachToADirectoryWithoutASandboxSaysSo() {
        Preconditions.requiresSandbox();
        // given
        Path empty = boxes.tmp().resolve("empty");

        // when / then
        assertThatThrownBy(() -> boxes.runtime().attach(empty))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining(empty.toString());
    }

    private static long parentOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }
}

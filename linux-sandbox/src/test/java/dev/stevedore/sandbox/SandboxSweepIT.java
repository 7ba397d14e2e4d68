package dev.stevedore.sandbox;

import static dev.stevedore.sandbox.Sandboxes.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.Preconditions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The start-up sweep removes what a dead JVM's attached sandboxes left and spares detached ones. */
class SandboxSweepIT {
    @RegisterExtension
    final Sandboxes boxes = new Sandboxes();

    @Test
    void removesTheLeftoversOfAKilledJvmsAttachedSandboxAndSparesItsDetachedOne() throws Exception {
        Preconditions.requiresSandbox();
        // given: a child JVM with an attached and a detached sandbox, killed with SIGKILL
        Map<String, String> started;
        try (ChildJvm jvm = ChildJvm.start("attached-and-detached", boxes.stateRoot(), boxes.rootfs().root(),
                boxes.tmp().resolve("child-jvm.err"))) {
            started = jvm.awaitReady(DEADLINE);
            jvm.kill();
        }
        Box attached = Box.of(started, "attached");
        Box detached = Box.of(started, "detached");
        for (Box b : new Box[] {attached, detached}) {
            boxes.trackForeign(b.id, b.stateDir, b.pid, b.shimPid);
        }
        // the attached shim dies of PR_SET_PDEATHSIG, its container of its own, a moment after the JVM
        assertThat(Sandboxes.await(DEADLINE, () -> !Leftovers.running(attached.shimPid)
                && !Leftovers.running(attached.pid))).as("attached sandbox died with its JVM").isTrue();
        assertThat(attached.stateDir).isDirectory();
        assertThat(Leftovers.cgroupDirs("stevedore", attached.id)).isNotEmpty();
        assertThat(Leftovers.running(detached.shimPid)).isTrue();

        // when
        SweepReport report = boxes.runtime().sweep(boxes.stateRoot());

        // then
        assertThat(report.removed()).containsExactly(attached.id);
        assertThat(report.live()).containsExactly(detached.id);
        assertThat(report.records()).isEmpty();
        assertThat(report.problems()).isEmpty();
        assertThat(attached.stateDir).doesNotExist();
        assertThat(Leftovers.cgroupDirs("stevedore", attached.id)).isEmpty();
        assertThat(detached.stateDir).isDirectory();
        assertThat(Leftovers.cgroupDirs("stevedore", detached.id)).isNotEmpty();
        assertThat(Leftovers.running(detached.shimPid)).isTrue();
        assertThat(Leftovers.running(detached.pid)).isTrue();

        // when: the detached one is found again, stopped and removed
        Sandbox box = boxes.track(boxes.runtime().attach(detached.stateDir));
        assertThat(box.isRunning()).isTrue();
        ExitStatus status = box.stop(Duration.ofSeconds(10));
        box.remove();

        // then
        assertThat(status.exitCode()).isEqualTo(143);
        assertThat(detached.stateDir).doesNotExist();
        assertThat(boxes.runtime().sweep(boxes.stateRoot()).removed()).isEmpty();
    }

    @Test
    void keepsTheStateOfADetachedSandboxThatEndedAsARecord() throws Exception {
        Preconditions.requiresSandbox();
        // given: a detached sandbox that ended while nobody watched
        Sandbox started = boxes.start(boxes.builder(Sandboxes.process("sh", "-c", "echo bye; exit 3")).detached(true));
        Path stateDir = started.stateDir();
        started.close();
        assertThat(Sandboxes.await(DEADLINE, () -> !Leftovers.running(started.shimPid()))).isTrue();

        // when
        SweepReport report = boxes.runtime().sweep(boxes.stateRoot());

        // then: its cgroups are gone, its log and exit status stay until it is removed
        assertThat(report.records()).containsExactly(started.id());
        assertThat(report.removed()).isEmpty();
        assertThat(Leftovers.cgroupDirs("stevedore", started.id())).isEmpty();
        Sandbox found = boxes.track(boxes.runtime().attach(stateDir));
        assertThat(found.isRunning()).isFalse();
        assertThat(found.exitStatus()).hasValueSatisfying(s -> assertThat(s.exitCode()).isEqualTo(3));
        assertThat(found.logs()).extracting(LogEntry::text).containsExactly("bye\n");
        found.remove();
        assertThat(stateDir).doesNotExist();
    }

    @Test
    void sweepingAMissingRootFindsNothing() {
        Preconditions.requiresSandbox();
        // when
        SweepReport report = boxes.runtime().sweep(boxes.tmp().resolve("no-such-root"));

        // then
        assertThat(report).isEqualTo(new SweepReport(List.of(), List.of(), List.of(), List.of()));
    }

    /** One sandbox the child JVM reported. */
    private record Box(String id, Path stateDir, long pid, long shimPid) {
        static Box of(Map<String, String> values, String name) {
            return new Box(values.get(name + ".id"), Path.of(values.get(name + ".stateDir")),
                    Long.parseLong(values.get(name + ".pid")), Long.parseLong(values.get(name + ".shimPid")));
        }
    }
}

package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerLogsExecIT extends ContainerFixture {
    @Test
    void followsTheLogUntilTheContainerExits() throws Exception {
        try (Container c = busybox("sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.2; done; echo err >&2").start();
                LogFollower f = c.followLogs()) {
            List<String> seen = new ArrayList<>();
            f.lines().forEach(l -> seen.add(l.stream() + " " + l.text()));
            assertThat(seen).containsExactly("STDOUT line 1\n", "STDOUT line 2\n", "STDOUT line 3\n", "STDERR err\n");
            assertThat(f.isFinished()).isTrue();
            assertThat(c.info().status()).isEqualTo(ContainerStatus.EXITED);
        }
    }

    @Test
    void aFollowerWaitsForLinesNotYetWritten() throws Exception {
        try (Container c = busybox("sh", "-c", "echo first; sleep 30; echo after").init(true)
                .stopTimeout(Duration.ofMillis(100)).start(); LogFollower f = c.followLogs()) {
            assertThat(f.next(Duration.ofSeconds(10)).map(LogLine::text)).contains("first\n");
            assertThat(f.next(Duration.ofMillis(300))).isEmpty();
            assertThat(f.isFinished()).isFalse();
        }
    }

    @Test
    void waitsForALogMessageAndReportsTheLastLinesWhenItNeverComes() {
        try (Container c = busybox("sh", "-c", "echo starting; echo ready; echo ready; sleep 30").init(true).start()) {
            c.waitUntil(Wait.forLog("^ready", 2));
            assertThatThrownBy(() -> c.waitUntil(Wait.forLog("never").withTimeout(Duration.ofMillis(300))))
                    .isInstanceOf(ContainerWaitException.class)
                    .hasMessageContaining("timed out after 300 ms")
                    .hasMessageContaining("starting");
        }
    }

    @Test
    void aFailedWaitStrategyStopsTheContainerAndSaysWhy() {
        assertThatThrownBy(() -> busybox("sh", "-c", "echo boom; exit 4").name("failing").autoRemove(true)
                .waitingFor(Wait.forLog("ready")).start())
                .isInstanceOf(ContainerWaitException.class)
                .hasMessageContaining("exited with code 4 first")
                .hasMessageContaining("boom");
        assertThat(containers.list(true)).isEmpty();
    }

    @Test
    void execsCommandsWithTheContainersDefaults() {
        try (Container c = busybox("sleep", "30").init(true).user("app").workdir("/tmp").env("WHO", "me").start()) {
            ExecResult r = c.exec("sh", "-c", "echo $(id -un) $(pwd) $WHO; echo e >&2; exit 5");
            assertThat(r.exitCode()).isEqualTo(5);
            assertThat(r.stdout()).isEqualTo("app /tmp me\n");
            assertThat(r.stderr()).isEqualTo("e\n");

            ExecResult asRoot = c.exec(ExecRequest.of("sh", "-c", "echo $(id -u) $(pwd) $X").withUser("0")
                    .withWorkdir("/").withEnv("X=y"));
            assertThat(asRoot.stdout()).isEqualTo("0 / y\n");

            assertThat(c.exec("nosuchcommand").exitCode()).isEqualTo(127);
            ExecResult slow = c.exec(ExecRequest.of("sleep", "30").withTimeout(Duration.ofMillis(200)));
            assertThat(slow.exitCode()).isEqualTo(137);
            assertThat(c.listeningPorts()).isEmpty();
        }
    }

    @Test
    void waitsForACommandToSucceedInside() {
        try (Container c = busybox("sh", "-c", "sleep 0.5; touch /tmp/ready; sleep 30").init(true).start()) {
            c.waitUntil(Wait.forExec("test", "-f", "/tmp/ready").withTimeout(Duration.ofSeconds(20)));
            assertThat(c.exec("ls", "/tmp").stdout()).contains("ready");
        }
    }

    @Test
    void cannotExecInAContainerThatDoesNotRun() {
        try (Container c = busybox("true").start()) {
            c.waitFor();
            assertThatThrownBy(() -> c.exec("true")).isInstanceOf(ContainerConflictException.class)
                    .hasMessageContaining("not running");
            assertThatThrownBy(c::stats).isInstanceOf(ContainerConflictException.class);
            assertThat(c.waitFor(Duration.ofMillis(10))).map(ContainerExit::exitCode).isEqualTo(Optional.of(0));
        }
    }
}

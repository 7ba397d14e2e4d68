package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerRunIT extends ContainerFixture {
    @Test
    void runsACommandAndReadsItsOutputAndExitCode() {
        try (Container c = busybox("sh", "-c", "echo hello; echo oops >&2; exit 3").start()) {
            ContainerExit exit = c.waitFor();

            assertThat(exit.exitCode()).isEqualTo(3);
            assertThat(c.output()).contains("hello\n").contains("oops\n");
            assertThat(c.logs()).filteredOn(l -> l.stream() == LogLine.Stream.STDERR).extracting(LogLine::text)
                    .containsExactly("oops\n");
            assertThat(c.info().status()).isEqualTo(ContainerStatus.EXITED);
            assertThat(c.info().exitCode()).hasValue(3);
        }
    }

    @Test
    void appliesDockersDefaults() {
        try (Container c = busybox("sh", "-c", "echo \"$PATH|$HOSTNAME|$HOME|$(hostname)|$(pwd)|$(id -u)\"").start()) {
            c.waitFor();
            assertThat(c.output().trim()).isEqualTo("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin|"
                    + c.shortId() + "|/root|" + c.shortId() + "|/|0");
        }
    }

    @Test
    void runsAsTheUserInTheDirectoryWithTheEnvironmentAsked() {
        try (Container c = busybox("sh", "-c", "echo \"$(id -un)|$HOME|$(pwd)|$GREETING\"").user("app")
                .workdir("/tmp/work").env("GREETING", "hi there").hostname("box").start()) {
            c.waitFor();
            assertThat(c.output().trim()).isEqualTo("app|/home/app|/tmp/work|hi there");
        }
    }

    @Test
    void anEntrypointOverrideDropsTheImageCommand() {
        try (Container c = busybox().entrypoint("/bin/echo").start()) {
            c.waitFor();
            assertThat(c.output()).isEqualTo("\n"); // busybox's CMD ["sh"] is not passed to the new entrypoint
            assertThat(c.info().command()).containsExactly("/bin/echo");
        }
        try (Container c = busybox().entrypoint("/bin/echo", "-n").cmd("a", "b").start()) {
            c.waitFor();
            assertThat(c.output()).isEqualTo("a b");
        }
    }

    @Test
    void recordsWhatItRan() {
        try (Container c = busybox("true").name("recorded").label("team", "core").start()) {
            c.waitFor();
            ContainerInfo info = containers.get("recorded").orElseThrow().info();
            assertThat(info.id()).isEqualTo(c.id()).matches("[0-9a-f]{64}");
            assertThat(info.name()).isEqualTo("recorded");
            assertThat(info.image()).isEqualTo(busybox);
            assertThat(info.imageId()).startsWith("sha256:");
            assertThat(info.command()).containsExactly("true");
            assertThat(info.labels()).containsEntry("team", "core");
            assertThat(info.exitCode()).hasValue(0);
            assertThat(info.finishedAt()).isPresent();
            assertThat(engine.store().holds().get("container/" + c.id())).isPresent();
        }
    }

    @Test
    void generatesUniqueNamesAndRefusesATakenOne() {
        try (Container a = busybox("true").start(); Container b = busybox("true").start()) {
            assertThat(a.name()).matches("[a-z]+_[a-z]+\\d?").isNotEqualTo(b.name());
            assertThatThrownBy(() -> busybox("true").name(a.name()).start())
                    .isInstanceOf(ContainerConflictException.class)
                    .hasMessageContaining("is already in use by container " + a.id());
        }
    }

    @Test
    void stopsWithTheStopSignal() {
        String script = "trap 'echo got usr1; exit 0' USR1; echo ready; while true; do sleep 0.1; done";
        try (Container c = busybox("sh", "-c", script).stopSignal("SIGUSR1").start()) {
            c.waitForLog("ready");
            ContainerExit exit = c.stop(Duration.ofSeconds(20));
            assertThat(exit.exitCode()).isEqualTo(0);
            assertThat(c.output()).contains("got usr1");
        }
    }

    @Test
    void killsWhatIgnoresTheStopSignalAfterTheTimeout() {
        try (Container c = busybox("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done").start()) {
            c.waitForLog("ready");
            assertThat(c.stop(Duration.ofMillis(200)).exitCode()).isEqualTo(137);
        }
    }

    @Test
    void sendsSignals() {
        try (Container c = busybox("sh", "-c", "trap 'echo hup' HUP; echo ready; while true; do sleep 0.1; done").start()) {
            c.waitForLog("ready");
            c.kill("HUP");
            c.waitForLog("^hup");
            c.kill("SIGKILL");
            assertThat(c.waitFor().exitCode()).isEqualTo(137);
            assertThatThrownBy(() -> c.kill("HUP")).isInstanceOf(ContainerConflictException.class)
                    .hasMessageContaining("not running");
        }
    }

    @Test
    void appliesLimits() {
        try (Container c = busybox("sh", "-c", "echo ready; sleep 30").init(true).memory(64L << 20).cpus(0.5).pidsLimit(20)
                .start()) {
            c.waitForLog("ready");
            ContainerStats stats = c.stats();
            assertThat(stats.memoryLimitBytes()).isEqualTo(64L << 20);
            assertThat(stats.pids()).isBetween(1L, 20L);
            ExecResult forks = c.exec("sh", "-c", "for i in $(seq 1 40); do sleep 5 & done; wait");
            assertThat(forks.stderr()).contains("can't fork");
        }
    }

    @Test
    void autoRemoveRemovesTheContainerOnceItHasExited() {
        Container c = busybox("sh", "-c", "echo bye").autoRemove(true).start();
        assertThat(c.waitFor().exitCode()).isZero();
        assertThat(containers.get(c.id())).isEmpty();
        assertThat(home.resolve("containers").resolve(c.id())).doesNotExist();
        assertThat(engine.store().holds().get("container/" + c.id())).isEmpty();
        c.close();
    }

    @Test
    void followingAnAutoRemovedContainerThatIsAlreadyGoneStillGivesItsWholeOutput() {
        // the race of `run --rm` in the foreground: the container may end, and go, before the first look
        try (Container c = busybox("sh", "-c", "echo one; echo two >&2; exit 3").autoRemove(true).start()) {
            assertThat(c.waitFor().exitCode()).isEqualTo(3);
            assertThat(containers.get(c.id())).isEmpty();

            try (LogFollower f = c.followLogs()) {
                assertThat(f.lines()).extracting(LogLine::stream, LogLine::text).containsExactlyInAnyOrder(
                        tuple(LogLine.Stream.STDOUT, "one\n"), tuple(LogLine.Stream.STDERR, "two\n"));
            }
        }
    }

    @Test
    void anAutoRemovedContainerLeavesNothingButItsOutputOnTheHandle() {
        // given
        Container c = busybox("sh", "-c", "echo one; echo two >&2; exit 3").autoRemove(true).start();

        // when
        ContainerExit exit = c.waitFor();

        // then: no record, directory or hold; its exit and output stay on the handle, closed or not
        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(containers.list(true)).isEmpty();
        assertThat(home.resolve("containers").resolve(c.id())).doesNotExist();
        assertThat(engine.store().holds().list()).noneMatch(h -> h.name().startsWith("container/"));
        assertThat(c.exitStatus()).hasValueSatisfying(e -> assertThat(e.exitCode()).isEqualTo(3));
        assertThat(c.logs()).extracting(LogLine::stream, LogLine::text).containsExactlyInAnyOrder(
                tuple(LogLine.Stream.STDOUT, "one\n"), tuple(LogLine.Stream.STDERR, "two\n"));
        c.close();
        assertThat(c.logs()).hasSize(2);
        assertThat(c.output()).contains("one\n", "two\n");
    }

    @Test
    void anAutoRemovedContainerThatPrintedNothingHasNoOutput() {
        try (Container c = busybox("true").autoRemove(true).start()) {
            assertThat(c.waitFor().exitCode()).isZero();
            assertThat(c.logs()).isEmpty();
            assertThat(containers.get(c.id())).isEmpty();
        }
    }

    @Test
    void createsWithoutStartingThenStarts() {
        try (Container c = busybox("echo", "later").create()) {
            assertThat(c.info().status()).isEqualTo(ContainerStatus.CREATED);
            assertThat(containers.list(false)).isEmpty();
            assertThat(containers.list(true)).extracting(ContainerInfo::id).containsExactly(c.id());
            assertThatThrownBy(c::waitFor).hasMessageContaining("never started");
            c.start();
            assertThat(c.waitFor().exitCode()).isZero();
            assertThat(c.output()).isEqualTo("later\n");
            assertThatThrownBy(c::start).isInstanceOf(ContainerConflictException.class);
        }
    }

    @Test
    void listsRunningContainersOrAllNewestFirst() {
        try (Container done = busybox("true").start(); Container running = busybox("sleep", "30").init(true).start()) {
            done.waitFor();
            assertThat(containers.list(false)).extracting(ContainerInfo::id).containsExactly(running.id());
            List<ContainerInfo> all = containers.list(true);
            assertThat(all).extracting(ContainerInfo::id).containsExactly(running.id(), done.id());
            assertThat(all.get(1).status()).isEqualTo(ContainerStatus.EXITED);
        }
    }
}

package dev.stevedore.sandbox;

import static dev.stevedore.sandbox.Sandboxes.DEADLINE;
import static dev.stevedore.sandbox.Sandboxes.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.Preconditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Running more processes inside a running sandbox. */
class SandboxExecIT {
    @RegisterExtension
    final Sandboxes boxes = new Sandboxes();

    @Test
    void execSeesTheSandboxHostname() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")).hostname("exec-box"));

        // when
        Sandboxes.Finished r = boxes.exec(box, process("sh", "-c", "cat /etc/hostname; hostname"));

        // then
        assertThat(r.status().exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("exec-box\nexec-box\n");
    }

    @Test
    void execSeesTheDefaultHostnameTheFirst12CharactersOfTheId() throws Exception {
        Preconditions.requiresSandbox();
        // given
        String id = "host-" + UUID.randomUUID().toString().replace("-", "").substring(0, 11);
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")).id(id));

        // when
        Sandboxes.Finished r = boxes.exec(box, process("sh", "-c", "cat /etc/hostname; hostname"));

        // then
        String expected = id.substring(0, 12);
        assertThat(r.stdout()).isEqualTo(expected + "\n" + expected + "\n");
    }

    @Test
    void execSharesThePidNamespaceOfTheSandbox() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")));

        // when
        Sandboxes.Finished r = boxes.exec(box, process("sh", "-c", "cat /proc/1/comm; ls /proc | grep -c '^[0-9]'"));

        // then: PID 1 is the sandbox's sleep; only it, sh and its children are visible
        assertThat(r.stdout().lines().toList()).first().isEqualTo("sleep");
        assertThat(Integer.parseInt(r.stdout().lines().toList().get(1))).isBetween(2, 5);
    }

    @Test
    void execJoinsTheCgroupOfTheSandbox() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")));

        // when
        try (ExecProcess p = box.exec(process("sleep", "100"))) {
            boxes.trackPid(p.pid());
            String mine = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cgroup"));
            String sandbox = Files.readString(Path.of("/proc", Long.toString(box.pid()), "cgroup"));

            // then
            assertThat(mine).isEqualTo(sandbox).contains("/stevedore/" + box.id() + "\n");
            Sandboxes.Finished inside = boxes.exec(box,
                    process("sh", "-c", "cat /proc/self/cgroup; echo --; cat /proc/1/cgroup"));
            String[] halves = inside.stdout().split("--\n");
            assertThat(halves[0]).isEqualTo(halves[1]);
            p.kill(9);
            assertThat(p.waitFor(DEADLINE)).hasValueSatisfying(s -> assertThat(s.exitCode()).isEqualTo(137));
        }
    }

    @Test
    void killEndsTheExecdProcessAndItIsReaped() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")));
        try (ExecProcess p = box.exec(process("sleep", "100"))) {
            boxes.trackPid(p.pid());

            // when
            p.kill(9);
            ExitStatus status = p.waitFor(DEADLINE).orElseThrow();

            // then
            assertThat(status.exitCode()).isEqualTo(137);
            assertThat(status.signal()).hasValue(9);
            assertThat(Path.of("/proc", Long.toString(p.pid()))).as("not even a zombie").doesNotExist();
        }
        assertThat(box.isRunning()).isTrue();
    }

    @Test
    void execRunsAsTheGivenUser() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")));

        // when
        Sandboxes.Finished r = boxes.exec(box, process("id").withUser("app"));

        // then: supplementary groups from /etc/group membership, as runc does
        assertThat(r.stdout().trim()).isEqualTo("uid=1000(app) gid=1000(app) groups=50(staff)");
    }

    @Test
    void execOfAMissingCommandFailsWith127() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")));

        List<Long> zombiesBefore = Leftovers.orphanedShimZombies();

        // when / then
        assertThatThrownBy(() -> box.exec(process("no-such-command")))
                .isInstanceOfSatisfying(SandboxStartException.class, e -> {
                    assertThat(e.exitCode()).hasValue(127);
                    assertThat(e.step()).isEqualTo(SandboxStep.EXEC_NOT_FOUND);
                })
                .hasMessageContaining("executable file not found in $PATH");
        assertThat(box.isRunning()).isTrue();
        assertThat(Leftovers.orphanedShimZombies()).as("processes of the failed exec nobody reaped")
                .isSubsetOf(zombiesBefore);
    }

    @Test
    void execPropagatesTheExitCode() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")));

        // when
        Sandboxes.Finished r = boxes.exec(box, process("sh", "-c", "echo to-err >&2; exit 5"));

        // then
        assertThat(r.status().exitCode()).isEqualTo(5);
        assertThat(r.stderr()).isEqualTo("to-err\n");
    }

    @Test
    void execIntoAStoppedSandboxSaysItIsNotRunning() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")).init(true));
        box.stop(Duration.ofSeconds(5));

        // when / then
        assertThatThrownBy(() -> box.exec(process("true")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("not running");
    }

    @Test
    void execIntoAPausedSandboxSaysItIsPaused() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(boxes.builder(process("sleep", "100")));
        box.pause();

        // when / then: refused at once, as Docker does, instead of freezing the exec
        assertThatThrownBy(() -> box.exec(process("true")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("paused");
        box.resume();
        assertThat(boxes.exec(box, process("true")).status().exitCode()).isZero();
    }
}

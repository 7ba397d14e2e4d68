package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessCallsTest {
    private final Syscalls sys = Syscalls.linux();

    private Process child;

    @AfterEach
    void killTheChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void joinsTheNetworkNamespaceItIsAlreadyIn() {
        // given
        Preconditions.requiresRoot();
        Path before = netNamespace();

        Path ownNetNamespace = Path.of("/proc/thread-self/ns/net");
        try (Fd ns = sys.openat(Fd.cwd(), ownNetNamespace, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0)) {
            // when
            sys.setns(ns, CloneFlags.CLONE_NEWNET);
        }

        // then
        assertThat(netNamespace()).isEqualTo(before);
    }

    @Test
    void refusesANamespaceOfTheWrongTypeAndABadDescriptor() {
        // given
        try (Fd ns = sys.openat(Fd.cwd(), Path.of("/proc/self/ns/net"), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0)) {
            // when
            PosixException wrongType = catchThrowableOfType(PosixException.class,
                    () -> sys.setns(ns, CloneFlags.CLONE_NEWUTS));
            PosixException badFd = catchThrowableOfType(PosixException.class,
                    () -> sys.setns(Fd.borrow(Integer.MAX_VALUE), CloneFlags.CLONE_NEWNET));

            // then
            assertThat(wrongType.errno()).isEqualTo(Errno.EINVAL);
            assertThat(wrongType).hasMessageContaining("setns(" + ns + ", 0x4000000)");
            assertThat(badFd.errno()).isEqualTo(Errno.EBADF);
        }
    }

    @Test
    void terminatesAChildThroughItsPidfd() throws Exception {
        // given
        child = new ProcessBuilder("sleep", "100").start();

        try (Fd pidfd = sys.pidfdOpen(child.pid(), 0)) {
            // when
            sys.pidfdSendSignal(pidfd, Signals.SIGTERM);

            // then
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(128 + Signals.SIGTERM);
            PosixException e = catchThrowableOfType(PosixException.class,
                    () -> sys.pidfdSendSignal(pidfd, Signals.SIGTERM));
            assertThat(e.errno()).isEqualTo(Errno.ESRCH);
        }
    }

    @Test
    void checksAndKillsAChildByPid() throws Exception {
        // given
        child = new ProcessBuilder("sleep", "100").start();

        // when
        sys.kill(child.pid(), 0);
        sys.kill(child.pid(), Signals.SIGKILL);

        // then
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(128 + Signals.SIGKILL);
    }

    @Test
    void reportsAProcessThatDoesNotExistAndNeverSignalsAGroup() {
        // when: no pid can be this large (pid_max is at most 2^22)
        PosixException e = catchThrowableOfType(PosixException.class, () -> sys.kill(Integer.MAX_VALUE, 0));

        // then
        assertThat(e.errno()).isEqualTo(Errno.ESRCH);
        assertThatThrownBy(() -> sys.kill(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sys.kill(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sys.pidfdOpen(1L << 40, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsTheIdsProcfsReports() throws IOException {
        // given
        List<String> uids = statusField("Uid:");
        List<String> gids = statusField("Gid:");

        // then
        assertThat(sys.getuid()).isEqualTo(Integer.parseInt(uids.get(0)));
        assertThat(sys.geteuid()).isEqualTo(Integer.parseInt(uids.get(1)));
        assertThat(sys.getgid()).isEqualTo(Integer.parseInt(gids.get(0)));
        assertThat(sys.getegid()).isEqualTo(Integer.parseInt(gids.get(1)));
    }

    private static Path netNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> statusField(String name) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(name))
                .map(l -> List.of(l.substring(name.length()).trim().split("\\s+"))).findFirst().orElseThrow();
    }
}

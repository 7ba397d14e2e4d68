package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpawnCallsTest {
    private final Syscalls sys = Syscalls.linux();

    @Test
    void spawnsAProcessWithTheGivenPipesAsItsStdio() {
        // given
        Fd[] in = sys.pipe(OpenFlags.O_CLOEXEC);
        Fd[] out = sys.pipe(OpenFlags.O_CLOEXEC);

        // when
        long pid = sys.spawn("/bin/cat", List.of("cat"), List.of(), List.of(in[0], out[1], out[1]));
        in[0].close();
        out[1].close();
        sys.writeFully(in[1], "hello\n".getBytes(StandardCharsets.US_ASCII));
        in[1].close();
        String echoed = readAll(out[0]);
        out[0].close();

        // then
        assertThat(echoed).isEqualTo("hello\n");
        assertThat(SpawnCalls.exitCode(sys.waitpid(pid, 0))).isZero();
    }

    @Test
    void passesNoOtherDescriptorToTheChild() {
        // given a descriptor without close-on-exec that the child must not inherit
        Fd[] leak = sys.pipe(0);
        Fd[] out = sys.pipe(OpenFlags.O_CLOEXEC);

        // when
        long pid = sys.spawn("/bin/sh", List.of("sh", "-c", "ls /proc/$$/fd"), List.of(), List.of(out[1], out[1], out[1]));
        out[1].close();
        String fds = readAll(out[0]);
        out[0].close();
        leak[0].close();
        leak[1].close();

        // then only stdio (and the directory ls reads, which is the shell's child's) are listed
        assertThat(fds.trim().split("\\s+")).containsExactly("0", "1", "2");
        assertThat(SpawnCalls.exitCode(sys.waitpid(pid, 0))).isZero();
    }

    @Test
    void reportsTheExitCodeOrTheKillingSignal() {
        long exited = sys.spawn("/bin/sh", List.of("sh", "-c", "exit 3"), List.of(), List.of());
        long killed = sys.spawn("/bin/sh", List.of("sh", "-c", "kill -9 $$"), List.of(), List.of());

        assertThat(SpawnCalls.exitCode(sys.waitpid(exited, 0))).isEqualTo(3);
        assertThat(SpawnCalls.exitCode(sys.waitpid(killed, 0))).isEqualTo(137);
    }

    @Test
    void doesNotBlockWithNoHangWhileTheChildRuns() {
        long pid = sys.spawn("/bin/sleep", List.of("sleep", "5"), List.of(), List.of());
        try {
            assertThat(sys.waitpid(pid, SpawnCalls.WNOHANG)).isEqualTo(-1);
        } finally {
            sys.kill(pid, Signals.SIGKILL);
            assertThat(SpawnCalls.exitCode(sys.waitpid(pid, 0))).isEqualTo(137);
        }
    }

    @Test
    void namesTheCallAndTheErrnoWhenTheExecutableIsMissing() {
        assertThatThrownBy(() -> sys.spawn("/no/such/program", List.of("x"), List.of(), List.of()))
                .isInstanceOf(PosixException.class)
                .hasMessageContaining("posix_spawn")
                .hasMessageContaining("/no/such/program")
                .hasMessageContaining("ENOENT");
    }

    private String readAll(Fd fd) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = sys.read(fd, buf, 0, buf.length)) > 0; ) {
            b.write(buf, 0, n);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}

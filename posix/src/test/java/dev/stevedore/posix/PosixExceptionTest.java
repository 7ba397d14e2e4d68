package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixExceptionTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    @Test
    void namesTheCallItsPathAndTheErrnoByNameAndNumber() {
        // given
        Path dir = tmp.resolve("missing/child");

        // when
        PosixException e = catchThrowableOfType(PosixException.class, () -> sys.mkdirat(Fd.cwd(), dir, 0755));

        // then
        assertThat(e).hasMessage(
                "mkdirat(AT_FDCWD, \"" + dir + "\", 0755) failed: ENOENT (2): No such file or directory");
        assertThat(e.call()).isEqualTo("mkdirat");
        assertThat(e.errno()).isEqualTo(Errno.ENOENT);
        assertThat(e.errorNumber()).isEqualTo(2);
    }

    @Test
    void showsEmptyMountArgumentsAsNullAndFlagsInHex() {
        // given
        Path missing = tmp.resolve("no-such-dir");

        // when
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.mount("none", missing, "tmpfs", MountFlags.MS_NOSUID | MountFlags.MS_NODEV, ""));

        // then: root gets ENOENT; anyone else EPERM
        assertThat(e.getMessage()).startsWith("mount(\"none\", \"" + missing + "\", \"tmpfs\", 0x6, NULL) failed: ");
        assertThat(e.errno()).isIn(Errno.ENOENT, Errno.EPERM);
    }

    @Test
    void keepsANumberTheTableDoesNotKnow() {
        // when
        PosixException e = new PosixException("frobnicate", "42", 600, "more");

        // then
        assertThat(e).hasMessage("frobnicate(42) failed: errno 600: Unknown error [more]");
        assertThat(e.errno()).isEqualTo(Errno.UNKNOWN);
        assertThat(e.errorNumber()).isEqualTo(600);
    }

    @Test
    void quotesAndShortensStringArguments() {
        // when
        String args = Call.arguments("a\"b\n", Call.hex(255), Call.octal(0644), Fd.cwd(), null, "x".repeat(300));

        // then
        assertThat(args).isEqualTo("\"a\\\"b\\n\", 0xff, 0644, AT_FDCWD, NULL, \"" + "x".repeat(200) + "\"...");
    }
}

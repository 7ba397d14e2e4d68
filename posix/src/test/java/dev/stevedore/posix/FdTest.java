package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FdTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    @Test
    void closesOnceAndIgnoresASecondClose() throws IOException {
        // given
        Fd fd = sys.openat(Fd.cwd(), tmp, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
        Path link = Path.of("/proc/self/fd", Integer.toString(fd.number()));
        assertThat(Files.readSymbolicLink(link)).isEqualTo(tmp);

        // when
        fd.close();
        fd.close();

        // then
        assertThat(fd.isOpen()).isFalse();
        assertThat(fd).hasToString("closed");
        assertThatThrownBy(fd::number).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsClosingADescriptorThatIsNotOpen() {
        // given: a number far above any open descriptor
        Fd fd = Fd.adopt(Integer.MAX_VALUE);

        // when / then
        assertThatThrownBy(fd::close).isInstanceOf(PosixException.class)
                .hasMessage("close(2147483647) failed: EBADF (9): Bad file number");
    }

    @Test
    void leavesABorrowedDescriptorOpen() {
        // given
        try (Fd owner = sys.openat(Fd.cwd(), tmp, OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0)) {
            Fd borrowed = Fd.borrow(owner.number());

            // when
            borrowed.close();

            // then
            assertThat(borrowed.isOpen()).isFalse();
            assertThat(sys.fstat(owner).ino()).isPositive();
        }
    }

    @Test
    void treatsTheWorkingDirectoryAsAlwaysOpen() {
        // when
        Fd.cwd().close();

        // then
        assertThat(Fd.cwd().isOpen()).isTrue();
        assertThat(Fd.cwd().number()).isEqualTo(-100);
        assertThat(Fd.cwd()).hasToString("AT_FDCWD");
        assertThatThrownBy(() -> Fd.cwd().procPath()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void namesItselfInProcfsUnderThisJvmsPid() throws IOException {
        // given
        Path file = Files.writeString(tmp.resolve("f"), "x");
        try (Fd fd = sys.openat(Fd.cwd(), file, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0)) {
            // when
            Path proc = fd.procPath();

            // then
            assertThat(proc).isEqualTo(Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/" + fd.number()));
            assertThat(Files.readSymbolicLink(proc)).isEqualTo(file);
        }
    }

    @Test
    void rejectsANegativeNumber() {
        // when / then
        assertThatThrownBy(() -> Fd.adopt(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fd.borrow(-100)).isInstanceOf(IllegalArgumentException.class);
    }
}

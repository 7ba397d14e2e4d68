package dev.stevedore.posix;

import static dev.stevedore.posix.OpenFlags.O_CLOEXEC;
import static dev.stevedore.posix.OpenFlags.O_CREAT;
import static dev.stevedore.posix.OpenFlags.O_DIRECTORY;
import static dev.stevedore.posix.OpenFlags.O_EXCL;
import static dev.stevedore.posix.OpenFlags.O_PATH;
import static dev.stevedore.posix.OpenFlags.O_RDWR;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoCallsTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    private Fd root;
    private Fd file;

    @BeforeEach
    void createAFileThroughAConfinedDescriptor() throws IOException {
        // an absolute path through openat2 RESOLVE_IN_ROOT lands inside the root, not on the host
        Files.createDirectories(tmp.resolve("rootfs/etc"));
        root = sys.openat(Fd.cwd(), tmp.resolve("rootfs"), O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        file = sys.openat2(root, Path.of("/etc/hostname"),
                new OpenHow(O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644, OpenHow.RESOLVE_IN_ROOT));
    }

    @AfterEach
    void closeAll() {
        file.close();
        root.close();
    }

    @Test
    void writesThroughTheConfinedDescriptorIntoTheRoot() {
        // when
        sys.writeFully(file, "box\n".getBytes(US_ASCII));

        // then
        assertThat(tmp.resolve("rootfs/etc/hostname")).hasContent("box");
        assertThat(sys.fstat(file).permissions() & 0644).isEqualTo(sys.fstat(file).permissions());
    }

    @Test
    void writesAndReadsSlicesOfABuffer() {
        // given
        byte[] source = "..hello..".getBytes(US_ASCII);

        // when
        int written = sys.write(file, source, 2, 5);
        byte[] target = "[.......]".getBytes(US_ASCII);
        int atEnd = sys.read(file, target, 1, 7);
        int read = sys.pread(file, target, 1, 7, 0);

        // then
        assertThat(written).isEqualTo(5);
        assertThat(atEnd).as("the offset is at the end after the write").isZero();
        assertThat(read).isEqualTo(5);
        assertThat(new String(target, US_ASCII)).isEqualTo("[hello..]");
    }

    @Test
    void writesAtAPositionWithoutMovingTheOffset() {
        // given
        sys.writeFully(file, "0123456789".getBytes(US_ASCII));

        // when
        sys.pwrite(file, "ab".getBytes(US_ASCII), 0, 2, 3);
        sys.write(file, "!".getBytes(US_ASCII), 0, 1);

        // then
        assertThat(tmp.resolve("rootfs/etc/hostname")).hasContent("012ab56789!");
    }

    @Test
    void truncatesAndSyncs() {
        // given
        sys.writeFully(file, "0123456789".getBytes(US_ASCII));

        // when
        sys.ftruncate(file, 4);
        sys.syncfs(file);

        // then
        assertThat(sys.fstat(file).size()).isEqualTo(4);
        assertThat(tmp.resolve("rootfs/etc/hostname")).hasContent("0123");
    }

    @Test
    void rejectsASliceOutsideTheBufferAndReportsABadDescriptor() {
        // when / then
        assertThatThrownBy(() -> sys.write(file, new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sys.write(root, new byte[1], 0, 1)).isInstanceOf(PosixException.class)
                .hasMessage("write(" + root + ", <1 bytes>, 1) failed: EBADF (9): Bad file number");
    }
}

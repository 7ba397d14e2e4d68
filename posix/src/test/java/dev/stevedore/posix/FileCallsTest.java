package dev.stevedore.posix;

import static dev.stevedore.posix.OpenFlags.O_CLOEXEC;
import static dev.stevedore.posix.OpenFlags.O_DIRECTORY;
import static dev.stevedore.posix.OpenFlags.O_NOFOLLOW;
import static dev.stevedore.posix.OpenFlags.O_PATH;
import static dev.stevedore.posix.OpenFlags.O_RDONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCallsTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    private Fd dir;

    @BeforeEach
    void openDirectory() {
        dir = sys.openat(Fd.cwd(), tmp, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
    }

    @AfterEach
    void closeDirectory() {
        dir.close();
    }

    @Test
    void confinesDotDotAndAbsoluteLinksToTheRootWithResolveInRoot() throws IOException {
        // given: a rootfs whose etc/passwd differs from the host's, and a link out of it
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs/etc"));
        Files.writeString(rootfs.resolve("passwd"), "container passwd");
        Files.createSymbolicLink(tmp.resolve("rootfs/link"), Path.of("/etc/passwd"));
        OpenHow inRoot = OpenHow.of(O_RDONLY | O_CLOEXEC, OpenHow.RESOLVE_IN_ROOT);

        try (Fd root = sys.openat(dir, Path.of("rootfs"), O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
                // when
                Fd viaDotDot = sys.openat2(root, Path.of("../../etc/passwd"), inRoot);
                Fd viaLink = sys.openat2(root, Path.of("link"), inRoot)) {
            // then
            assertThat(Files.readString(viaDotDot.procPath())).isEqualTo("container passwd");
            assertThat(Files.readString(viaLink.procPath())).isEqualTo("container passwd");
        }
    }

    @Test
    void refusesAnySymbolicLinkWithResolveNoSymlinks() throws IOException {
        // given
        Files.writeString(tmp.resolve("target"), "t");
        Files.createSymbolicLink(tmp.resolve("link"), Path.of("target"));

        // when
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.openat2(dir, Path.of("link"), OpenHow.of(O_RDONLY | O_CLOEXEC, OpenHow.RESOLVE_NO_SYMLINKS)));

        // then
        assertThat(e.errno()).isEqualTo(Errno.ELOOP);
        assertThat(e).hasMessageStartingWith("openat2(" + dir + ", \"link\", {flags=0x80000, mode=0, resolve=0x4}, 24)");
    }

    @Test
    void refusesToEscapeWithResolveBeneath() {
        // when
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.openat2(dir, Path.of("../etc"), OpenHow.of(O_PATH | O_CLOEXEC, OpenHow.RESOLVE_BENEATH)));

        // then
        assertThat(e.errno()).isEqualTo(Errno.EXDEV);
    }

    @Test
    void makesAFifo() {
        // when
        sys.mknodat(dir, Path.of("fifo"), ModeBits.S_IFIFO | 0600, 0);

        // then
        FileStat st = sys.fstatat(dir, Path.of("fifo"), AtFlags.AT_SYMLINK_NOFOLLOW);
        assertThat(st.type()).isEqualTo(ModeBits.S_IFIFO);
        assertThat(st.permissions()).isEqualTo(0600);
    }

    @Test
    void makesACharacterDeviceAndAnOverlayWhiteoutAsRoot() {
        // given
        Preconditions.requiresRoot();

        // when
        sys.mknodat(dir, Path.of("null"), ModeBits.S_IFCHR | 0666, Devices.makedev(1, 3));
        sys.mknodat(dir, Path.of("whiteout"), ModeBits.S_IFCHR, Devices.makedev(0, 0));

        // then
        FileStat devNull = sys.fstatat(dir, Path.of("null"), 0);
        assertThat(devNull.type()).isEqualTo(ModeBits.S_IFCHR);
        assertThat(Devices.major(devNull.rdev())).isEqualTo(1);
        assertThat(Devices.minor(devNull.rdev())).isEqualTo(3);
        FileStat whiteout = sys.fstatat(dir, Path.of("whiteout"), 0);
        assertThat(whiteout.type()).isEqualTo(ModeBits.S_IFCHR);
        assertThat(whiteout.rdev()).isZero();
    }

    @Test
    void makesADirectoryOnceThenReportsItExists() {
        // given
        sys.mkdirat(dir, Path.of("d"), 0750);

        // when
        PosixException e = catchThrowableOfType(PosixException.class, () -> sys.mkdirat(dir, Path.of("d"), 0750));

        // then
        assertThat(tmp.resolve("d")).isDirectory();
        assertThat(e.errno()).isEqualTo(Errno.EEXIST);
    }

    @Test
    void keepsASymbolicLinkTargetByteForByte() {
        // given
        String target = "../some//where/";

        // when
        sys.symlinkat(target, dir, Path.of("link"));

        // then
        assertThat(sys.readlinkat(dir, Path.of("link"))).isEqualTo(target);
        try (Fd link = sys.openat(dir, Path.of("link"), O_PATH | O_NOFOLLOW | O_CLOEXEC, 0)) {
            assertThat(sys.readlinkat(link, Path.of(""))).isEqualTo(target);
        }
    }

    @Test
    void readsALinkTargetOfTheLongestLengthTheKernelStores() {
        // given: PATH_MAX less the terminating NUL
        String target = "x/".repeat(2047) + "x";
        sys.symlinkat(target, dir, Path.of("long"));

        // when
        String read = sys.readlinkat(dir, Path.of("long"));

        // then
        assertThat(read).isEqualTo(target);
    }

    @Test
    void linksAFileTwice() throws IOException {
        // given
        Files.writeString(tmp.resolve("a"), "content");

        // when
        sys.linkat(dir, Path.of("a"), dir, Path.of("b"), 0);

        // then
        assertThat(sys.fstatat(dir, Path.of("b"), 0).nlink()).isEqualTo(2);
        assertThat(tmp.resolve("b")).hasContent("content");
    }

    @Test
    void unlinksFilesAndEmptyDirectoriesButNotFullOnes() throws IOException {
        // given
        Files.writeString(tmp.resolve("f"), "x");
        Files.createDirectories(tmp.resolve("full/child"));
        Files.createDirectory(tmp.resolve("empty"));

        // when
        sys.unlinkat(dir, Path.of("f"), 0);
        sys.unlinkat(dir, Path.of("empty"), AtFlags.AT_REMOVEDIR);
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.unlinkat(dir, Path.of("full"), AtFlags.AT_REMOVEDIR));

        // then
        assertThat(tmp.resolve("f")).doesNotExist();
        assertThat(tmp.resolve("empty")).doesNotExist();
        assertThat(e.errno()).isEqualTo(Errno.ENOTEMPTY);
    }

    @Test
    void renamesWithoutReplacingAndExchangesAtomically() throws IOException {
        // given
        Files.writeString(tmp.resolve("a"), "A");
        Files.writeString(tmp.resolve("b"), "B");

        // when
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.renameat2(dir, Path.of("a"), dir, Path.of("b"), RenameFlags.RENAME_NOREPLACE));
        sys.renameat2(dir, Path.of("a"), dir, Path.of("b"), RenameFlags.RENAME_EXCHANGE);

        // then
        assertThat(e.errno()).isEqualTo(Errno.EEXIST);
        assertThat(tmp.resolve("a")).hasContent("B");
        assertThat(tmp.resolve("b")).hasContent("A");
    }

    @Test
    void opensRelativeToADirectoryDescriptor() throws IOException {
        // given
        Files.writeString(tmp.resolve("f"), "relative", StandardCharsets.UTF_8);

        // when
        try (Fd f = sys.openat(dir, Path.of("f"), O_RDONLY | O_CLOEXEC, 0)) {
            // then
            assertThat(Files.readString(f.procPath())).isEqualTo("relative");
            assertThat(Files.readSymbolicLink(f.procPath())).isEqualTo(tmp.resolve("f"));
        }
    }
}

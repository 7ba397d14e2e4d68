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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCallsTest {
    private static final Instant OLD = Instant.parse("2001-02-03T04:05:06.123456789Z");

    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    private Fd dir;
    private Path target;
    private Path link;

    @BeforeEach
    void fileAndLinkToIt() throws IOException {
        dir = sys.openat(Fd.cwd(), tmp, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        target = Files.writeString(tmp.resolve("target"), "twelve bytes");
        link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("target"));
    }

    @AfterEach
    void closeDirectory() {
        dir.close();
    }

    @Test
    void reportsWhatTheJdkReportsAboutAFile() throws IOException {
        // when
        FileStat st = sys.fstatat(dir, Path.of("target"), 0);

        // then
        assertThat(st.type()).isEqualTo(ModeBits.S_IFREG);
        assertThat(st.size()).isEqualTo(12);
        assertThat(st.nlink()).isEqualTo(1);
        assertThat(st.ino()).isEqualTo(Files.getAttribute(target, "unix:ino"));
        assertThat(st.dev()).isEqualTo(Files.getAttribute(target, "unix:dev"));
        assertThat(st.mode()).isEqualTo(Files.getAttribute(target, "unix:mode"));
        assertThat(st.uid()).isEqualTo(Files.getAttribute(target, "unix:uid"));
        assertThat(st.mtime()).isEqualTo(Files.getLastModifiedTime(target).toInstant());
    }

    @Test
    void statsTheLinkItselfWithSymlinkNofollowAndThroughAnOpathDescriptor() {
        // when
        FileStat followed = sys.fstatat(dir, Path.of("link"), 0);
        FileStat notFollowed = sys.fstatat(dir, Path.of("link"), AtFlags.AT_SYMLINK_NOFOLLOW);

        // then
        assertThat(followed.type()).isEqualTo(ModeBits.S_IFREG);
        assertThat(notFollowed.type()).isEqualTo(ModeBits.S_IFLNK);
        assertThat(notFollowed.size()).isEqualTo("target".length());
        try (Fd linkFd = sys.openat(dir, Path.of("link"), O_PATH | O_NOFOLLOW | O_CLOEXEC, 0)) {
            assertThat(sys.fstat(linkFd).ino()).isEqualTo(notFollowed.ino());
        }
    }

    @Test
    void reportsAMissingFile() {
        // when
        PosixException e = catchThrowableOfType(PosixException.class, () -> sys.fstatat(dir, Path.of("nope"), 0));

        // then
        assertThat(e.errno()).isEqualTo(Errno.ENOENT);
        assertThat(e).hasMessageContaining("\"nope\"");
    }

    @Test
    void changesTheOwnerOfTheLinkNotItsTargetWithSymlinkNofollow() throws IOException {
        // given
        Preconditions.requiresRoot();

        // when
        sys.fchownat(dir, Path.of("link"), 1234, 5678, AtFlags.AT_SYMLINK_NOFOLLOW);

        // then
        assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1234);
        assertThat(Files.getAttribute(link, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(5678);
        assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(0);
    }

    @Test
    void changesTheOwnerOfWhatAnOpathDescriptorNames() throws IOException {
        // given
        Preconditions.requiresRoot();

        try (Fd linkFd = sys.openat(dir, Path.of("link"), O_PATH | O_NOFOLLOW | O_CLOEXEC, 0)) {
            // when
            sys.fchown(linkFd, 4321, -1);
        }

        // then
        assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(4321);
        assertThat(Files.getAttribute(link, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
        assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(0);
    }

    @Test
    void setsTheTimesOfTheLinkNotItsTargetToTheNanosecond() throws IOException {
        // given
        FileTime targetBefore = Files.getLastModifiedTime(target);

        // when
        sys.utimensat(dir, Path.of("link"), OLD, OLD, AtFlags.AT_SYMLINK_NOFOLLOW);

        // then
        assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).toInstant()).isEqualTo(OLD);
        assertThat(sys.fstatat(dir, Path.of("link"), AtFlags.AT_SYMLINK_NOFOLLOW).atime()).isEqualTo(OLD);
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(targetBefore);
    }

    @Test
    void setsTimesThroughAnOpathDescriptor() {
        // given
        try (Fd f = sys.openat(dir, Path.of("target"), O_PATH | O_CLOEXEC, 0)) {
            // when
            sys.futimens(f, OLD, OLD.plusSeconds(1));

            // then
            FileStat st = sys.fstat(f);
            assertThat(st.atime()).isEqualTo(OLD);
            assertThat(st.mtime()).isEqualTo(OLD.plusSeconds(1));
        }
    }

    @Test
    void changesPermissionsByPathAndRefusesToOnALinkWithSymlinkNofollow() throws IOException {
        // when
        sys.fchmodat(dir, Path.of("target"), 0604, 0);
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.fchmodat(dir, Path.of("link"), 0777, AtFlags.AT_SYMLINK_NOFOLLOW));

        // then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw----r--");
        assertThat(e.errno()).isEqualTo(Errno.EOPNOTSUPP);
    }

    @Test
    void changesPermissionsThroughOrdinaryAndOpathDescriptors() {
        // given
        try (Fd readable = sys.openat(dir, Path.of("target"), O_RDONLY | O_CLOEXEC, 0);
                Fd opath = sys.openat(dir, Path.of("target"), O_PATH | O_CLOEXEC, 0)) {
            // when
            sys.fchmod(readable, 0640);
            int afterOrdinary = sys.fstat(readable).permissions();
            sys.fchmod(opath, 04755);

            // then
            assertThat(afterOrdinary).isEqualTo(0640);
            assertThat(sys.fstat(opath).permissions()).isEqualTo(04755);
        }
    }

    @Test
    void refusesToChangePermissionsOfALinkThroughAnOpathDescriptor() {
        // given
        try (Fd linkFd = sys.openat(dir, Path.of("link"), O_PATH | O_NOFOLLOW | O_CLOEXEC, 0)) {
            int before = sys.fstatat(dir, Path.of("target"), 0).permissions();

            // when
            PosixException e = catchThrowableOfType(PosixException.class, () -> sys.fchmod(linkFd, 0777));

            // then
            assertThat(e.errno()).isEqualTo(Errno.EOPNOTSUPP);
            assertThat(e.call()).isEqualTo("fchmod");
            assertThat(sys.fstatat(dir, Path.of("target"), 0).permissions()).isEqualTo(before);
        }
    }

    @Test
    void tellsFilesystemsApartByMagicNumber() {
        // when
        FileSystemStat proc = sys.statfs(Path.of("/proc/self"));
        FileSystemStat here = sys.fstatfs(dir);

        // then
        assertThat(proc.type()).isEqualTo(FsMagic.PROC_SUPER_MAGIC);
        assertThat(here.type()).isEqualTo(sys.statfs(tmp).type()).isNotEqualTo(FsMagic.PROC_SUPER_MAGIC);
        assertThat(here.nameMax()).isEqualTo(255);
        assertThat(here.blockSize()).isPositive();
    }
}

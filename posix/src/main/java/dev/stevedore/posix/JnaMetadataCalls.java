package dev.stevedore.posix;

import static dev.stevedore.posix.Call.hex;
import static dev.stevedore.posix.Call.octal;
import static dev.stevedore.posix.Call.raw;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import dev.stevedore.posix.Structs.StatStruct;
import dev.stevedore.posix.Structs.StatfsStruct;
import dev.stevedore.posix.Structs.TimespecPair;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@link MetadataCalls} through glibc, with {@code fstatat} as the raw {@code newfstatat}
 * system call (a glibc symbol only since 2.33; same {@code struct stat} on x86-64). The
 * descriptor variants go through the {@code *at} calls with {@code AT_EMPTY_PATH} so that
 * they also take {@code O_PATH} descriptors.
 */
final class JnaMetadataCalls implements MetadataCalls {
    private static final int F_GETFL = 3;
    private static final int EOPNOTSUPP = 95;

    private interface C extends Library {
        int fchownat(int dir, String path, int uid, int gid, int flags) throws LastErrorException;

        int fchmodat(int dir, String path, int mode, int flags) throws LastErrorException;

        int fchmod(int fd, int mode) throws LastErrorException;

        int chmod(String path, int mode) throws LastErrorException;

        int fcntl(int fd, int command, Object... argument) throws LastErrorException;

        int utimensat(int dir, String path, TimespecPair times, int flags) throws LastErrorException;

        int statfs(String path, StatfsStruct buffer) throws LastErrorException;

        int fstatfs(int fd, StatfsStruct buffer) throws LastErrorException;
    }

    private final C c = LibC.load(C.class);

    @Override
    public FileStat fstat(Fd fd) {
        return fstatat(fd, Path.of(""), AtFlags.AT_EMPTY_PATH);
    }

    @Override
    public FileStat fstatat(Fd dir, Path path, int flags) {
        StatStruct stat = new StatStruct();
        try {
            Kernel.syscall(Kernel.SYS_NEWFSTATAT, (long) dir.number(), path.toString(), stat, (long) flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "fstatat", dir, path, raw("&stat"), hex(flags));
        }
        return stat.toFileStat();
    }

    @Override
    public void fchownat(Fd dir, Path path, int uid, int gid, int flags) {
        try {
            c.fchownat(dir.number(), path.toString(), uid, gid, flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "fchownat", dir, path, uid, gid, hex(flags));
        }
    }

    @Override
    public void fchown(Fd fd, int uid, int gid) {
        fchownat(fd, Path.of(""), uid, gid, AtFlags.AT_EMPTY_PATH);
    }

    @Override
    public void fchmodat(Fd dir, Path path, int mode, int flags) {
        try {
            c.fchmodat(dir.number(), path.toString(), mode, flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "fchmodat", dir, path, octal(mode), hex(flags));
        }
    }

    @Override
    public void fchmod(Fd fd, int mode) {
        int flags;
        try {
            flags = c.fcntl(fd.number(), F_GETFL);
        } catch (LastErrorException e) {
            throw Call.failed(e, "fcntl", fd, raw("F_GETFL"));
        }
        if ((flags & OpenFlags.O_PATH) == 0) {
            try {
                c.fchmod(fd.number(), mode);
            } catch (LastErrorException e) {
                throw Call.failed(e, "fchmod", fd, octal(mode));
            }
            return;
        }
        // fchmod rejects O_PATH descriptors; the magic link names the very inode the descriptor
        // holds, so this cannot be redirected. A symbolic link would be followed by chmod, and
        // Linux links have no permissions anyway: refuse as glibc's fchmodat does.
        if (fstat(fd).type() == ModeBits.S_IFLNK) {
            throw Call.failed(EOPNOTSUPP, "fchmod", fd, octal(mode));
        }
        Path link = Path.of("/proc/self/fd", Integer.toString(fd.number()));
        try {
            c.chmod(link.toString(), mode);
        } catch (LastErrorException e) {
            throw Call.failed(e, "chmod", link, octal(mode));
        }
    }

    @Override
    public void utimensat(Fd dir, Path path, Instant atime, Instant mtime, int flags) {
        try {
            c.utimensat(dir.number(), path.toString(), new TimespecPair(atime, mtime), flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "utimensat", dir, path, raw("[" + atime + ", " + mtime + "]"), hex(flags));
        }
    }

    @Override
    public void futimens(Fd fd, Instant atime, Instant mtime) {
        utimensat(fd, Path.of(""), atime, mtime, AtFlags.AT_EMPTY_PATH);
    }

    @Override
    public FileSystemStat statfs(Path path) {
        StatfsStruct buffer = new StatfsStruct();
        try {
            c.statfs(path.toString(), buffer);
        } catch (LastErrorException e) {
            throw Call.failed(e, "statfs", path, raw("&statfs"));
        }
        return buffer.toFileSystemStat();
    }

    @Override
    public FileSystemStat fstatfs(Fd fd) {
        StatfsStruct buffer = new StatfsStruct();
        try {
            c.fstatfs(fd.number(), buffer);
        } catch (LastErrorException e) {
            throw Call.failed(e, "fstatfs", fd, raw("&statfs"));
        }
        return buffer.toFileSystemStat();
    }
}

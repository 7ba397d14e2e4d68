package dev.stevedore.posix;

import static dev.stevedore.posix.Call.hex;
import static dev.stevedore.posix.Call.octal;
import static dev.stevedore.posix.Call.raw;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import dev.stevedore.posix.Structs.OpenHowStruct;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@link FileCalls} through glibc, with {@code openat2} and {@code mknodat} as raw system calls
 * ({@code mknodat} is a glibc symbol only since 2.33). {@code openat} is variadic in C, so its
 * mode goes through {@code Object...} as a {@code long}.
 */
final class JnaFileCalls implements FileCalls {
    private static final int PATH_MAX = 4096;

    private interface C extends Library {
        int openat(int dir, String path, int flags, Object... mode) throws LastErrorException;

        int mkdirat(int dir, String path, int mode) throws LastErrorException;

        int symlinkat(String target, int dir, String link) throws LastErrorException;

        int linkat(int oldDir, String oldPath, int newDir, String newPath, int flags) throws LastErrorException;

        int unlinkat(int dir, String path, int flags) throws LastErrorException;

        int renameat2(int oldDir, String oldPath, int newDir, String newPath, int flags) throws LastErrorException;

        long readlinkat(int dir, String path, byte[] buffer, long size) throws LastErrorException;
    }

    private final C c = LibC.load(C.class);

    @Override
    public Fd openat(Fd dir, Path path, int flags, int mode) {
        try {
            return Fd.adopt(c.openat(dir.number(), path.toString(), flags, (long) mode));
        } catch (LastErrorException e) {
            throw Call.failed(e, "openat", dir, path, hex(flags), octal(mode));
        }
    }

    @Override
    public Fd openat2(Fd dir, Path path, OpenHow how) {
        try {
            return Fd.adopt((int) Kernel.syscall(Kernel.SYS_OPENAT2, (long) dir.number(), path.toString(),
                    new OpenHowStruct(how), OpenHowStruct.SIZE));
        } catch (LastErrorException e) {
            throw Call.failed(e, "openat2", dir, path, raw("{flags=" + hex(how.flags()) + ", mode="
                    + octal(how.mode()) + ", resolve=" + hex(how.resolve()) + "}"), OpenHowStruct.SIZE);
        }
    }

    @Override
    public void mknodat(Fd dir, Path path, int mode, long device) {
        try {
            Kernel.syscall(Kernel.SYS_MKNODAT, (long) dir.number(), path.toString(), (long) mode, device);
        } catch (LastErrorException e) {
            throw Call.failed(e, "mknodat", dir, path, octal(mode),
                    raw("makedev(" + Devices.major(device) + ", " + Devices.minor(device) + ")"));
        }
    }

    @Override
    public void mkdirat(Fd dir, Path path, int mode) {
        try {
            c.mkdirat(dir.number(), path.toString(), mode);
        } catch (LastErrorException e) {
            throw Call.failed(e, "mkdirat", dir, path, octal(mode));
        }
    }

    @Override
    public void symlinkat(String target, Fd dir, Path link) {
        try {
            c.symlinkat(target, dir.number(), link.toString());
        } catch (LastErrorException e) {
            throw Call.failed(e, "symlinkat", target, dir, link);
        }
    }

    @Override
    public void linkat(Fd oldDir, Path oldPath, Fd newDir, Path newPath, int flags) {
        try {
            c.linkat(oldDir.number(), oldPath.toString(), newDir.number(), newPath.toString(), flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "linkat", oldDir, oldPath, newDir, newPath, hex(flags));
        }
    }

    @Override
    public void unlinkat(Fd dir, Path path, int flags) {
        try {
            c.unlinkat(dir.number(), path.toString(), flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "unlinkat", dir, path, hex(flags));
        }
    }

    @Override
    public void renameat2(Fd oldDir, Path oldPath, Fd newDir, Path newPath, int flags) {
        try {
            c.renameat2(oldDir.number(), oldPath.toString(), newDir.number(), newPath.toString(), flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "renameat2", oldDir, oldPath, newDir, newPath, hex(flags));
        }
    }

    @Override
    public String readlinkat(Fd dir, Path path) {
        // readlinkat truncates silently: a result that fills the buffer may be cut off, so grow and retry.
        for (int size = PATH_MAX; ; size *= 2) {
            byte[] buffer = new byte[size];
            long n;
            try {
                n = c.readlinkat(dir.number(), path.toString(), buffer, size);
            } catch (LastErrorException e) {
                throw Call.failed(e, "readlinkat", dir, path);
            }
            if (n < size) {
                return new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
            }
        }
    }
}

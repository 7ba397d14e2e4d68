package dev.stevedore.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link XattrCalls} through glibc's {@code l*xattr} and {@code f*xattr}. Reads ask for the
 * size first (a {@code NULL} buffer), then read; if the value grew in between
 * ({@code ERANGE}) they ask again.
 */
final class JnaXattrCalls implements XattrCalls {
    private static final int ENODATA = 61;
    private static final int ERANGE = 34;

    private interface C extends Library {
        long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

        int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

        long llistxattr(String path, byte[] list, long size) throws LastErrorException;

        int lremovexattr(String path, String name) throws LastErrorException;

        long fgetxattr(int fd, String name, byte[] value, long size) throws LastErrorException;

        int fsetxattr(int fd, String name, byte[] value, long size, int flags) throws LastErrorException;

        long flistxattr(int fd, byte[] list, long size) throws LastErrorException;

        int fremovexattr(int fd, String name) throws LastErrorException;
    }

    /** One sized read: with a {@code null} buffer it returns the size needed. */
    private interface SizedRead {
        long read(byte[] buffer, long size);
    }

    private final C c = LibC.load(C.class);

    @Override
    public Optional<byte[]> lgetxattr(Path path, String name) {
        return value(() -> readFully((b, n) -> c.lgetxattr(path.toString(), name, b, n)), "lgetxattr", path, name);
    }

    @Override
    public void lsetxattr(Path path, String name, byte[] value, int flags) {
        try {
            c.lsetxattr(path.toString(), name, value, value.length, flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "lsetxattr", path, name, value, value.length, Call.hex(flags));
        }
    }

    @Override
    public List<String> llistxattr(Path path) {
        try {
            return names(readFully((b, n) -> c.llistxattr(path.toString(), b, n)));
        } catch (LastErrorException e) {
            throw Call.failed(e, "llistxattr", path);
        }
    }

    @Override
    public void lremovexattr(Path path, String name) {
        try {
            c.lremovexattr(path.toString(), name);
        } catch (LastErrorException e) {
            throw Call.failed(e, "lremovexattr", path, name);
        }
    }

    @Override
    public Optional<byte[]> fgetxattr(Fd fd, String name) {
        return value(() -> readFully((b, n) -> c.fgetxattr(fd.number(), name, b, n)), "fgetxattr", fd, name);
    }

    @Override
    public void fsetxattr(Fd fd, String name, byte[] value, int flags) {
        try {
            c.fsetxattr(fd.number(), name, value, value.length, flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "fsetxattr", fd, name, value, value.length, Call.hex(flags));
        }
    }

    @Override
    public List<String> flistxattr(Fd fd) {
        try {
            return names(readFully((b, n) -> c.flistxattr(fd.number(), b, n)));
        } catch (LastErrorException e) {
            throw Call.failed(e, "flistxattr", fd);
        }
    }

    @Override
    public void fremovexattr(Fd fd, String name) {
        try {
            c.fremovexattr(fd.number(), name);
        } catch (LastErrorException e) {
            throw Call.failed(e, "fremovexattr", fd, name);
        }
    }

    private static Optional<byte[]> value(Supplier<byte[]> read, String call, Object... args) {
        try {
            return Optional.of(read.get());
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODATA) {
                return Optional.empty();
            }
            throw Call.failed(e, call, args);
        }
    }

    private static byte[] readFully(SizedRead call) {
        while (true) {
            long size = call.read(null, 0);
            byte[] buffer = new byte[(int) size];
            try {
                long n = size == 0 ? 0 : call.read(buffer, size);
                return n == size ? buffer : Arrays.copyOf(buffer, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != ERANGE) {
                    throw e;
                }
            }
        }
    }

    private static List<String> names(byte[] list) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] == 0) {
                names.add(new String(list, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return List.copyOf(names);
    }
}

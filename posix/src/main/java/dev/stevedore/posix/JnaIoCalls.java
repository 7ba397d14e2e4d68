package dev.stevedore.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@link IoCalls} through glibc. JNA copies a {@code byte[]} argument to native memory and
 * back, from its start; a slice is copied to a temporary array first.
 */
final class JnaIoCalls implements IoCalls {
    private interface C extends Library {
        long read(int fd, byte[] buffer, long count) throws LastErrorException;

        long pread(int fd, byte[] buffer, long count, long position) throws LastErrorException;

        long write(int fd, byte[] buffer, long count) throws LastErrorException;

        long pwrite(int fd, byte[] buffer, long count, long position) throws LastErrorException;

        int ftruncate(int fd, long length) throws LastErrorException;

        int syncfs(int fd) throws LastErrorException;
    }

    private final C c = LibC.load(C.class);

    @Override
    public int read(Fd fd, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        byte[] target = offset == 0 ? buffer : new byte[length];
        int n;
        try {
            n = (int) c.read(fd.number(), target, length);
        } catch (LastErrorException e) {
            throw Call.failed(e, "read", fd, Call.raw("&buffer"), length);
        }
        return copyBack(target, buffer, offset, n);
    }

    @Override
    public int pread(Fd fd, byte[] buffer, int offset, int length, long position) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        byte[] target = offset == 0 ? buffer : new byte[length];
        int n;
        try {
            n = (int) c.pread(fd.number(), target, length, position);
        } catch (LastErrorException e) {
            throw Call.failed(e, "pread", fd, Call.raw("&buffer"), length, position);
        }
        return copyBack(target, buffer, offset, n);
    }

    @Override
    public int write(Fd fd, byte[] buffer, int offset, int length) {
        byte[] source = slice(buffer, offset, length);
        try {
            return (int) c.write(fd.number(), source, length);
        } catch (LastErrorException e) {
            throw Call.failed(e, "write", fd, source, length);
        }
    }

    @Override
    public int pwrite(Fd fd, byte[] buffer, int offset, int length, long position) {
        byte[] source = slice(buffer, offset, length);
        try {
            return (int) c.pwrite(fd.number(), source, length, position);
        } catch (LastErrorException e) {
            throw Call.failed(e, "pwrite", fd, source, length, position);
        }
    }

    @Override
    public void ftruncate(Fd fd, long length) {
        try {
            c.ftruncate(fd.number(), length);
        } catch (LastErrorException e) {
            throw Call.failed(e, "ftruncate", fd, length);
        }
    }

    @Override
    public void syncfs(Fd fd) {
        try {
            c.syncfs(fd.number());
        } catch (LastErrorException e) {
            throw Call.failed(e, "syncfs", fd);
        }
    }

    private static byte[] slice(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        return offset == 0 ? buffer : Arrays.copyOfRange(buffer, offset, offset + length);
    }

    private static int copyBack(byte[] target, byte[] buffer, int offset, int n) {
        if (target != buffer) {
            System.arraycopy(target, 0, buffer, offset, n);
        }
        return n;
    }
}

package dev.stevedore;

import dev.stevedore.posix.Fd;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Streams over file descriptors, for reading and writing files found through {@link ContainerRoot}. */
final class CopyFdStreams {
    private CopyFdStreams() {}

    /**
     * Copies {@code size} bytes, or fewer if {@code in} ends first (a file that shrank while
     * being copied).
     *
     * @return how many bytes were copied
     */
    static long copyAtMost(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
        return size - left;
    }

    static InputStream in(Fd fd) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                try {
                    int n = Syscalls.linux().read(fd, b, off, len);
                    return n == 0 ? -1 : n;
                } catch (PosixException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }

    static OutputStream out(Fd fd) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    while (len > 0) {
                        int n = Syscalls.linux().write(fd, b, off, len);
                        off += n;
                        len -= n;
                    }
                } catch (PosixException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }
}

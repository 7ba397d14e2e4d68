package dev.stevedore.posix;

/**
 * Reading and writing descriptors this module opened (through {@code openat2}, memfds), with
 * system call semantics: a call may transfer fewer bytes than asked, and {@code read} returns
 * 0 at the end of the file.
 *
 * <pre>{@code
 * OpenHow create = new OpenHow(O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644, OpenHow.RESOLVE_IN_ROOT);
 * try (Fd f = sys.openat2(root, Path.of("etc/hostname"), create)) {
 *     sys.writeFully(f, "box\n".getBytes(StandardCharsets.US_ASCII));
 * }
 * }</pre>
 */
public interface IoCalls {
    /**
     * Reads up to {@code length} bytes ({@code read(2)}).
     *
     * @param fd the file
     * @param buffer where the bytes go
     * @param offset the first index in {@code buffer} to fill
     * @param length the most bytes to read
     * @return how many were read; 0 at the end of the file
     * @throws PosixException if it fails
     * @throws IndexOutOfBoundsException if the range does not fit in {@code buffer}
     */
    int read(Fd fd, byte[] buffer, int offset, int length);

    /**
     * Reads up to {@code length} bytes at a file position without moving the file offset ({@code pread(2)}).
     *
     * @param fd the file
     * @param buffer where the bytes go
     * @param offset the first index in {@code buffer} to fill
     * @param length the most bytes to read
     * @param position where in the file to start
     * @return how many were read; 0 at or after the end of the file
     * @throws PosixException if it fails
     * @throws IndexOutOfBoundsException if the range does not fit in {@code buffer}
     */
    int pread(Fd fd, byte[] buffer, int offset, int length, long position);

    /**
     * Writes up to {@code length} bytes ({@code write(2)}).
     *
     * @param fd the file
     * @param buffer the bytes
     * @param offset the first index in {@code buffer} to write
     * @param length how many to write
     * @return how many were written
     * @throws PosixException {@code EPERM} on a memfd sealed against writing, ...
     * @throws IndexOutOfBoundsException if the range does not fit in {@code buffer}
     */
    int write(Fd fd, byte[] buffer, int offset, int length);

    /**
     * Writes up to {@code length} bytes at a file position without moving the file offset ({@code pwrite(2)}).
     *
     * @param fd the file
     * @param buffer the bytes
     * @param offset the first index in {@code buffer} to write
     * @param length how many to write
     * @param position where in the file to start
     * @return how many were written
     * @throws PosixException if it fails
     * @throws IndexOutOfBoundsException if the range does not fit in {@code buffer}
     */
    int pwrite(Fd fd, byte[] buffer, int offset, int length, long position);

    /**
     * Writes all of {@code bytes}, calling {@link #write} until done.
     *
     * @param fd the file
     * @param bytes the bytes
     * @throws PosixException if a write fails
     */
    default void writeFully(Fd fd, byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            done += write(fd, bytes, done, bytes.length - done);
        }
    }

    /**
     * Sets a file's size ({@code ftruncate(2)}).
     *
     * @param fd the file, open for writing
     * @param length the new size in bytes
     * @throws PosixException {@code EPERM} on a memfd sealed against it, ...
     */
    void ftruncate(Fd fd, long length);

    /**
     * Writes the filesystem an open file is on back to disk ({@code syncfs(2)}).
     *
     * @param fd any file on the filesystem
     * @throws PosixException if writeback failed
     */
    void syncfs(Fd fd);
}

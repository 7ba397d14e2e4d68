package dev.stevedore.posix;

import java.nio.file.Path;
import java.time.Instant;

/**
 * File and filesystem metadata: status, ownership, permissions, times, {@code statfs}, with
 * control over following symbolic links ({@link AtFlags#AT_SYMLINK_NOFOLLOW}) and acting on a
 * descriptor itself ({@link AtFlags#AT_EMPTY_PATH}).
 *
 * <pre>{@code
 * // a layer entry that is a symbolic link owned by 1000:1000, with a fixed mtime
 * sys.symlinkat("/usr/bin/busybox", root, Path.of("bin/sh"));
 * sys.fchownat(root, Path.of("bin/sh"), 1000, 1000, AtFlags.AT_SYMLINK_NOFOLLOW);
 * sys.utimensat(root, Path.of("bin/sh"), epoch, epoch, AtFlags.AT_SYMLINK_NOFOLLOW);
 * }</pre>
 */
public interface MetadataCalls {
    /**
     * The status of an open file, also of an {@code O_PATH} descriptor.
     *
     * @param fd the file
     * @return its status
     * @throws PosixException if it fails
     */
    FileStat fstat(Fd fd);

    /**
     * The status of a file ({@code fstatat(2)}).
     *
     * @param dir where {@code path} is resolved
     * @param path the file
     * @param flags {@link AtFlags#AT_SYMLINK_NOFOLLOW}, {@link AtFlags#AT_EMPTY_PATH} or 0
     * @return its status
     * @throws PosixException {@code ENOENT} if it does not exist, ...
     */
    FileStat fstatat(Fd dir, Path path, int flags);

    /**
     * Changes the owner and group of a file ({@code fchownat(2)}).
     *
     * @param dir where {@code path} is resolved
     * @param path the file
     * @param uid the new owner, or -1 to keep it
     * @param gid the new group, or -1 to keep it
     * @param flags {@link AtFlags#AT_SYMLINK_NOFOLLOW} to change a link itself, {@link AtFlags#AT_EMPTY_PATH}, or 0
     * @throws PosixException if it fails
     */
    void fchownat(Fd dir, Path path, int uid, int gid, int flags);

    /**
     * Changes the owner and group of the file a descriptor names. Works on {@code O_PATH}
     * descriptors too, and on a symbolic link opened with {@code O_PATH|O_NOFOLLOW} changes
     * the link itself.
     *
     * @param fd the file
     * @param uid the new owner, or -1 to keep it
     * @param gid the new group, or -1 to keep it
     * @throws PosixException if it fails
     */
    void fchown(Fd fd, int uid, int gid);

    /**
     * Changes the permissions of a file ({@code fchmodat(3)}). With
     * {@link AtFlags#AT_SYMLINK_NOFOLLOW} glibc changes a non-link without following, but fails
     * with {@code EOPNOTSUPP} on a symbolic link: Linux links have no permissions of their own.
     *
     * @param dir where {@code path} is resolved
     * @param path the file
     * @param mode the new permission bits
     * @param flags {@link AtFlags#AT_SYMLINK_NOFOLLOW} or 0
     * @throws PosixException if it fails
     */
    void fchmodat(Fd dir, Path path, int mode, int flags);

    /**
     * Changes the permissions of the file a descriptor names. A regular descriptor goes through
     * {@code fchmod(2)}; an {@code O_PATH} one (which {@code fchmod} rejects) through its
     * {@code /proc/self/fd} link, which cannot be redirected: the descriptor already names the
     * file. An {@code O_PATH} descriptor of a symbolic link fails with {@code EOPNOTSUPP}.
     *
     * @param fd the file
     * @param mode the new permission bits
     * @throws PosixException if it fails
     */
    void fchmod(Fd fd, int mode);

    /**
     * Sets access and modification times, to the nanosecond ({@code utimensat(2)}).
     *
     * @param dir where {@code path} is resolved
     * @param path the file
     * @param atime the new access time
     * @param mtime the new modification time
     * @param flags {@link AtFlags#AT_SYMLINK_NOFOLLOW} to change a link itself, {@link AtFlags#AT_EMPTY_PATH}, or 0
     * @throws PosixException if it fails
     */
    void utimensat(Fd dir, Path path, Instant atime, Instant mtime, int flags);

    /**
     * Sets access and modification times of the file a descriptor names, also of an
     * {@code O_PATH} descriptor (then of a symbolic link itself).
     *
     * @param fd the file
     * @param atime the new access time
     * @param mtime the new modification time
     * @throws PosixException if it fails
     */
    void futimens(Fd fd, Instant atime, Instant mtime);

    /**
     * Describes the filesystem a path is on ({@code statfs(2)}).
     *
     * @param path any file on it
     * @return its type and capacity
     * @throws PosixException if it fails
     */
    FileSystemStat statfs(Path path);

    /**
     * Describes the filesystem an open file is on ({@code fstatfs(2)}).
     *
     * @param fd any file on it
     * @return its type and capacity
     * @throws PosixException if it fails
     */
    FileSystemStat fstatfs(Fd fd);
}

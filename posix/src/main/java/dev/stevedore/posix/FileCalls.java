package dev.stevedore.posix;

import java.nio.file.Path;

/**
 * Opening, creating, linking and removing files relative to a directory descriptor (the
 * {@code *at} calls and {@code openat2}), so that a container's root filesystem can be built
 * and inspected without ever following a link out of it.
 *
 * <p>A relative path is resolved against the directory {@link Fd}; {@link Fd#cwd()} means the
 * working directory; an absolute path ignores the descriptor.
 *
 * <pre>{@code
 * try (Fd root = sys.openat(Fd.cwd(), rootfs, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0)) {
 *     sys.mkdirat(root, Path.of("dev"), 0755);
 *     sys.mknodat(root, Path.of("dev/null"), ModeBits.S_IFCHR | 0666, Devices.makedev(1, 3));
 * }
 * }</pre>
 */
public interface FileCalls {
    /**
     * Opens a file ({@code openat(2)}).
     *
     * @param dir where {@code path} is resolved
     * @param path the file
     * @param flags {@link OpenFlags}
     * @param mode the permissions of a created file; 0 otherwise
     * @return the open descriptor
     * @throws PosixException if it cannot be opened
     */
    Fd openat(Fd dir, Path path, int flags, int mode);

    /**
     * Opens a file with control over path resolution ({@code openat2(2)}, Linux 5.6+), for
     * example confined to a root directory with {@link OpenHow#RESOLVE_IN_ROOT}.
     *
     * @param dir where {@code path} is resolved, and the root or boundary of the {@code RESOLVE_*} flags
     * @param path the file
     * @param how flags, mode and resolution
     * @return the open descriptor
     * @throws PosixException {@code ELOOP} or {@code EXDEV} when resolution breaks a rule, ...
     */
    Fd openat2(Fd dir, Path path, OpenHow how);

    /**
     * Creates a device file, FIFO, socket or empty regular file ({@code mknodat(2)}). Devices
     * need {@code CAP_MKNOD}; an overlay whiteout is a character device 0/0.
     *
     * @param dir where {@code path} is resolved
     * @param path the new file
     * @param mode the file type ({@link ModeBits}) and permissions
     * @param device for devices, from {@link Devices#makedev}; 0 otherwise
     * @throws PosixException if it fails
     */
    void mknodat(Fd dir, Path path, int mode, long device);

    /**
     * Creates a directory ({@code mkdirat(2)}); the umask applies.
     *
     * @param dir where {@code path} is resolved
     * @param path the new directory
     * @param mode its permissions
     * @throws PosixException {@code EEXIST} if something is there, ...
     */
    void mkdirat(Fd dir, Path path, int mode);

    /**
     * Creates a symbolic link ({@code symlinkat(2)}). The target is a string, not a
     * {@link Path}, because a {@code Path} would drop a meaningful trailing or doubled slash.
     *
     * @param target what the link points to, stored byte for byte, not resolved
     * @param dir where {@code link} is resolved
     * @param link the new link
     * @throws PosixException if it fails
     */
    void symlinkat(String target, Fd dir, Path link);

    /**
     * Creates a hard link ({@code linkat(2)}).
     *
     * @param oldDir where {@code oldPath} is resolved
     * @param oldPath the existing file
     * @param newDir where {@code newPath} is resolved
     * @param newPath the new name
     * @param flags {@link AtFlags#AT_SYMLINK_FOLLOW}, {@link AtFlags#AT_EMPTY_PATH} or 0
     * @throws PosixException if it fails
     */
    void linkat(Fd oldDir, Path oldPath, Fd newDir, Path newPath, int flags);

    /**
     * Removes a name, or with {@link AtFlags#AT_REMOVEDIR} an empty directory ({@code unlinkat(2)}).
     *
     * @param dir where {@code path} is resolved
     * @param path what to remove
     * @param flags {@link AtFlags#AT_REMOVEDIR} or 0
     * @throws PosixException if it fails
     */
    void unlinkat(Fd dir, Path path, int flags);

    /**
     * Renames, optionally without replacing or by exchanging ({@code renameat2(2)}).
     *
     * @param oldDir where {@code oldPath} is resolved
     * @param oldPath the existing name
     * @param newDir where {@code newPath} is resolved
     * @param newPath the new name
     * @param flags {@link RenameFlags} or 0
     * @throws PosixException {@code EEXIST} with {@code RENAME_NOREPLACE}, ...
     */
    void renameat2(Fd oldDir, Path oldPath, Fd newDir, Path newPath, int flags);

    /**
     * Reads a symbolic link's target ({@code readlinkat(2)}), exactly as stored (decoded as UTF-8).
     *
     * @param dir where {@code path} is resolved (or the link, opened {@code O_PATH|O_NOFOLLOW}, with an empty path)
     * @param path the link
     * @return its target, unresolved
     * @throws PosixException {@code EINVAL} if it is not a link, ...
     */
    String readlinkat(Fd dir, Path path);
}

package dev.stevedore.posix;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Extended attributes of every namespace: {@code user.*}, {@code trusted.*} (root only, where
 * overlayfs keeps {@code trusted.overlay.opaque}), {@code security.*} (file capabilities,
 * SELinux labels) and {@code system.*} (POSIX ACLs). The path variants never follow a
 * symbolic link (they are the {@code l*xattr} calls); the descriptor variants need a regular,
 * not an {@code O_PATH}, descriptor.
 *
 * <pre>{@code
 * sys.lsetxattr(dir, "trusted.overlay.opaque", new byte[] {'y'}, 0);
 * boolean opaque = sys.lgetxattr(dir, "trusted.overlay.opaque").isPresent();
 * }</pre>
 */
public interface XattrCalls {
    /**
     * Reads an attribute of a file or symbolic link ({@code lgetxattr(2)}).
     *
     * @param path the file
     * @param name the attribute's full name, such as {@code "security.capability"}
     * @return its value, or empty if the file has no such attribute ({@code ENODATA})
     * @throws PosixException if it cannot be read
     */
    Optional<byte[]> lgetxattr(Path path, String name);

    /**
     * Sets an attribute of a file or symbolic link ({@code lsetxattr(2)}). The kernel refuses
     * {@code user.*} attributes on symbolic links, even to root ({@code EPERM}).
     *
     * @param path the file
     * @param name the attribute's full name
     * @param value its value
     * @param flags {@link XattrFlags} or 0
     * @throws PosixException if it cannot be set
     */
    void lsetxattr(Path path, String name, byte[] value, int flags);

    /**
     * Lists the attribute names of a file or symbolic link ({@code llistxattr(2)}), of all
     * namespaces the caller may see ({@code trusted.*} only as root).
     *
     * @param path the file
     * @return the full names, in the filesystem's order
     * @throws PosixException if they cannot be listed
     */
    List<String> llistxattr(Path path);

    /**
     * Removes an attribute of a file or symbolic link ({@code lremovexattr(2)}).
     *
     * @param path the file
     * @param name the attribute's full name
     * @throws PosixException {@code ENODATA} if there is no such attribute, ...
     */
    void lremovexattr(Path path, String name);

    /**
     * Reads an attribute of an open file ({@code fgetxattr(2)}).
     *
     * @param fd the file
     * @param name the attribute's full name
     * @return its value, or empty if the file has no such attribute
     * @throws PosixException if it cannot be read
     */
    Optional<byte[]> fgetxattr(Fd fd, String name);

    /**
     * Sets an attribute of an open file ({@code fsetxattr(2)}).
     *
     * @param fd the file
     * @param name the attribute's full name
     * @param value its value
     * @param flags {@link XattrFlags} or 0
     * @throws PosixException if it cannot be set
     */
    void fsetxattr(Fd fd, String name, byte[] value, int flags);

    /**
     * Lists the attribute names of an open file ({@code flistxattr(2)}).
     *
     * @param fd the file
     * @return the full names
     * @throws PosixException if they cannot be listed
     */
    List<String> flistxattr(Fd fd);

    /**
     * Removes an attribute of an open file ({@code fremovexattr(2)}).
     *
     * @param fd the file
     * @param name the attribute's full name
     * @throws PosixException {@code ENODATA} if there is no such attribute, ...
     */
    void fremovexattr(Fd fd, String name);
}

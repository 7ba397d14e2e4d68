package dev.stevedore.posix;

import java.nio.file.Path;

/**
 * Mounting: the classic {@code mount(2)}/{@code umount2(2)} and the new mount API
 * ({@code fsopen}, {@code fsconfig}, {@code fsmount}, {@code move_mount}, {@code open_tree},
 * {@code mount_setattr}). All need {@code CAP_SYS_ADMIN}.
 *
 * <p>Mounts made from a JVM land in the JVM's mount namespace, usually the host's: whoever
 * mounts must unmount. A failing {@code fsconfig} or {@code fsmount} appends the messages the
 * kernel logged on the filesystem context to the exception's message.
 *
 * <pre>{@code
 * try (Fd fs = sys.fsopen("overlay", MountApi.FSOPEN_CLOEXEC)) {
 *     for (Path lower : lowers) sys.fsconfigString(fs, "lowerdir+", lower.toString());
 *     sys.fsconfigString(fs, "upperdir", upper.toString());
 *     sys.fsconfigString(fs, "workdir", work.toString());
 *     sys.fsconfigCommand(fs, MountApi.FSCONFIG_CMD_CREATE);
 *     try (Fd mnt = sys.fsmount(fs, MountApi.FSMOUNT_CLOEXEC, 0)) {
 *         sys.moveMount(mnt, merged);
 *     }
 * }
 * }</pre>
 */
public interface MountCalls {
    /**
     * Mounts a filesystem, or with {@link MountFlags} binds, moves, remounts or changes
     * propagation. An empty {@code source}, {@code fsType} or {@code data} is passed as
     * {@code NULL}.
     *
     * <pre>{@code
     * sys.mount("tmpfs", dir, "tmpfs", MountFlags.MS_NOSUID | MountFlags.MS_NODEV, "size=64m,mode=0755");
     * }</pre>
     *
     * @param source what to mount (a device, a directory to bind, or any name for virtual filesystems)
     * @param target the mount point
     * @param fsType the filesystem type, such as {@code "tmpfs"}; empty for bind, move, remount
     * @param flags {@link MountFlags}
     * @param data the comma-separated filesystem options
     * @throws PosixException if the kernel refuses
     */
    void mount(String source, Path target, String fsType, long flags, String data);

    /**
     * Unmounts the filesystem mounted at {@code target}.
     *
     * @param target the mount point
     * @param flags {@link UnmountFlags}, such as {@code MNT_DETACH}
     * @throws PosixException if it is busy ({@code EBUSY}), not a mount point ({@code EINVAL}), ...
     */
    void umount2(Path target, int flags);

    /**
     * Starts configuring a new filesystem instance ({@code fsopen(2)}).
     *
     * @param fsName the filesystem type, such as {@code "overlay"}
     * @param flags {@link MountApi#FSOPEN_CLOEXEC} or 0
     * @return the filesystem context
     * @throws PosixException {@code ENODEV} if the kernel lacks the filesystem
     */
    Fd fsopen(String fsName, int flags);

    /**
     * Sets a string parameter ({@code fsconfig(FSCONFIG_SET_STRING)}), such as overlay's
     * {@code lowerdir+} (Linux 6.8+, once per layer, topmost first) or tmpfs's {@code size}.
     *
     * @param context from {@link #fsopen}
     * @param key the parameter
     * @param value its value
     * @throws PosixException if the filesystem rejects it
     */
    void fsconfigString(Fd context, String key, String value);

    /**
     * Sets a flag parameter ({@code fsconfig(FSCONFIG_SET_FLAG)}), such as {@code "ro"}.
     *
     * @param context from {@link #fsopen}
     * @param key the parameter
     * @throws PosixException if the filesystem rejects it
     */
    void fsconfigFlag(Fd context, String key);

    /**
     * Runs a command on the context, such as {@link MountApi#FSCONFIG_CMD_CREATE}.
     *
     * @param context from {@link #fsopen}
     * @param command an {@code FSCONFIG_CMD_*} value of {@link MountApi}
     * @throws PosixException if the filesystem cannot be created or reconfigured
     */
    void fsconfigCommand(Fd context, int command);

    /**
     * Makes a detached mount of a created filesystem ({@code fsmount(2)}); attach it with
     * {@link #moveMount(Fd, Path)}. Closing an unattached mount descriptor unmounts it.
     *
     * @param context a context after {@code FSCONFIG_CMD_CREATE}
     * @param flags {@link MountApi#FSMOUNT_CLOEXEC} or 0
     * @param attributes {@code MOUNT_ATTR_*} flags of {@link MountApi}
     * @return the mount
     * @throws PosixException if it fails
     */
    Fd fsmount(Fd context, int flags, int attributes);

    /**
     * Moves a mount ({@code move_mount(2)}), or attaches a detached one.
     *
     * @param fromDir where {@code fromPath} is resolved (or the mount, with an empty path)
     * @param fromPath the mount to move; empty with {@link MountApi#MOVE_MOUNT_F_EMPTY_PATH}
     * @param toDir where {@code toPath} is resolved
     * @param toPath the new mount point
     * @param flags {@code MOVE_MOUNT_*} flags of {@link MountApi}
     * @throws PosixException if it fails
     */
    void moveMount(Fd fromDir, Path fromPath, Fd toDir, Path toPath, int flags);

    /**
     * Attaches a mount from {@link #fsmount} or {@link #openTree} at {@code target}.
     *
     * <pre>{@code
     * sys.moveMount(mnt, Path.of("/run/stevedore/rootfs"));
     * }</pre>
     *
     * @param mount the detached mount
     * @param target the mount point, absolute or relative to the working directory
     * @throws PosixException if it fails
     */
    default void moveMount(Fd mount, Path target) {
        moveMount(mount, Path.of(""), Fd.cwd(), target, MountApi.MOVE_MOUNT_F_EMPTY_PATH);
    }

    /**
     * Opens a mount, or with {@link MountApi#OPEN_TREE_CLONE} makes a detached bind mount of it
     * ({@code open_tree(2)}).
     *
     * @param dir where {@code path} is resolved
     * @param path the tree
     * @param flags {@code OPEN_TREE_*} of {@link MountApi}, {@link AtFlags#AT_RECURSIVE}, ...
     * @return the mount
     * @throws PosixException if it fails
     */
    Fd openTree(Fd dir, Path path, int flags);

    /**
     * Changes the attributes or propagation of a mount ({@code mount_setattr(2)}).
     *
     * @param dir where {@code path} is resolved (or the mount, with {@link AtFlags#AT_EMPTY_PATH})
     * @param path the mount
     * @param flags {@link AtFlags#AT_RECURSIVE}, {@link AtFlags#AT_EMPTY_PATH}, ...
     * @param attributes what to change
     * @throws PosixException if it fails
     */
    void mountSetattr(Fd dir, Path path, int flags, MountAttributes attributes);
}

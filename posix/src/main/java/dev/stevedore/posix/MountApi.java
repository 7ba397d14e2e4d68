package dev.stevedore.posix;

/**
 * Constants of the new mount API ({@code <linux/mount.h>}): {@code fsopen}, {@code fsconfig},
 * {@code fsmount}, {@code move_mount}, {@code open_tree} and {@code mount_setattr}.
 *
 * <pre>{@code
 * try (Fd fs = sys.fsopen("tmpfs", MountApi.FSOPEN_CLOEXEC)) {
 *     sys.fsconfigCommand(fs, MountApi.FSCONFIG_CMD_CREATE);
 *     try (Fd mnt = sys.fsmount(fs, MountApi.FSMOUNT_CLOEXEC, MountApi.MOUNT_ATTR_NODEV)) {
 *         sys.moveMount(mnt, target);
 *     }
 * }
 * }</pre>
 */
public final class MountApi {
    /** {@code fsopen}: the context descriptor is close-on-exec. */
    public static final int FSOPEN_CLOEXEC = 1;

    /** {@code fsconfig} command: set a flag parameter (key only). */
    public static final int FSCONFIG_SET_FLAG = 0;
    /** {@code fsconfig} command: set a string parameter. */
    public static final int FSCONFIG_SET_STRING = 1;
    /** {@code fsconfig} command: set a binary parameter. */
    public static final int FSCONFIG_SET_BINARY = 2;
    /** {@code fsconfig} command: set a path parameter. */
    public static final int FSCONFIG_SET_PATH = 3;
    /** {@code fsconfig} command: set a path parameter that may be empty. */
    public static final int FSCONFIG_SET_PATH_EMPTY = 4;
    /** {@code fsconfig} command: set a descriptor parameter. */
    public static final int FSCONFIG_SET_FD = 5;
    /** {@code fsconfig} command: create the superblock (may share an existing one). */
    public static final int FSCONFIG_CMD_CREATE = 6;
    /** {@code fsconfig} command: apply the parameters to an existing superblock. */
    public static final int FSCONFIG_CMD_RECONFIGURE = 7;
    /** {@code fsconfig} command: create a new superblock, never share one (Linux 6.6+). */
    public static final int FSCONFIG_CMD_CREATE_EXCL = 8;

    /** {@code fsmount}: the mount descriptor is close-on-exec. */
    public static final int FSMOUNT_CLOEXEC = 1;

    /** Mount attribute: read-only. */
    public static final int MOUNT_ATTR_RDONLY = 0x1;
    /** Mount attribute: ignore set-user-id and set-group-id bits. */
    public static final int MOUNT_ATTR_NOSUID = 0x2;
    /** Mount attribute: no device files. */
    public static final int MOUNT_ATTR_NODEV = 0x4;
    /** Mount attribute: no program execution. */
    public static final int MOUNT_ATTR_NOEXEC = 0x8;
    /** Mount attribute mask: the access-time setting (one of the three below). */
    public static final int MOUNT_ATTR__ATIME = 0x70;
    /** Mount attribute: relative access times (the default). */
    public static final int MOUNT_ATTR_RELATIME = 0x0;
    /** Mount attribute: no access times. */
    public static final int MOUNT_ATTR_NOATIME = 0x10;
    /** Mount attribute: always update access times. */
    public static final int MOUNT_ATTR_STRICTATIME = 0x20;
    /** Mount attribute: no directory access times. */
    public static final int MOUNT_ATTR_NODIRATIME = 0x80;
    /** Mount attribute: idmapped mount (needs a user namespace descriptor). */
    public static final int MOUNT_ATTR_IDMAP = 0x100000;
    /** Mount attribute: do not follow symbolic links. */
    public static final int MOUNT_ATTR_NOSYMFOLLOW = 0x200000;

    /** {@code move_mount}: follow symbolic links on the source path. */
    public static final int MOVE_MOUNT_F_SYMLINKS = 0x1;
    /** {@code move_mount}: follow automounts on the source path. */
    public static final int MOVE_MOUNT_F_AUTOMOUNTS = 0x2;
    /** {@code move_mount}: the source is the descriptor itself (empty source path). */
    public static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    /** {@code move_mount}: follow symbolic links on the target path. */
    public static final int MOVE_MOUNT_T_SYMLINKS = 0x10;
    /** {@code move_mount}: follow automounts on the target path. */
    public static final int MOVE_MOUNT_T_AUTOMOUNTS = 0x20;
    /** {@code move_mount}: the target is the descriptor itself (empty target path). */
    public static final int MOVE_MOUNT_T_EMPTY_PATH = 0x40;
    /** {@code move_mount}: join the source's peer group instead of moving. */
    public static final int MOVE_MOUNT_SET_GROUP = 0x100;
    /** {@code move_mount}: mount beneath the top mount of the target (Linux 6.5+). */
    public static final int MOVE_MOUNT_BENEATH = 0x200;

    /** {@code open_tree}: clone the mount (a detached bind mount) instead of opening it. */
    public static final int OPEN_TREE_CLONE = 0x1;
    /** {@code open_tree}: the descriptor is close-on-exec. */
    public static final int OPEN_TREE_CLOEXEC = 0x80000;

    private MountApi() {}
}

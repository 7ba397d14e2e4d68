package dev.stevedore.posix;

/**
 * Filesystem magic numbers ({@code <linux/magic.h>}), compared with
 * {@link FileSystemStat#type()} to tell what a path lives on.
 *
 * <pre>{@code
 * boolean v2 = sys.statfs(Path.of("/sys/fs/cgroup")).type() == FsMagic.CGROUP2_SUPER_MAGIC;
 * }</pre>
 */
public final class FsMagic {
    /** overlayfs. */
    public static final long OVERLAYFS_SUPER_MAGIC = 0x794c7630L;
    /** tmpfs. */
    public static final long TMPFS_MAGIC = 0x01021994L;
    /** cgroup v2. */
    public static final long CGROUP2_SUPER_MAGIC = 0x63677270L;
    /** cgroup v1. */
    public static final long CGROUP_SUPER_MAGIC = 0x0027e0ebL;
    /** procfs. */
    public static final long PROC_SUPER_MAGIC = 0x9fa0L;
    /** sysfs. */
    public static final long SYSFS_MAGIC = 0x62656572L;
    /** nsfs (namespace files). */
    public static final long NSFS_MAGIC = 0x6e736673L;
    /** ext2, ext3 and ext4. */
    public static final long EXT4_SUPER_MAGIC = 0xef53L;
    /** btrfs. */
    public static final long BTRFS_SUPER_MAGIC = 0x9123683eL;
    /** XFS. */
    public static final long XFS_SUPER_MAGIC = 0x58465342L;
    /** devpts. */
    public static final long DEVPTS_SUPER_MAGIC = 0x1cd1L;

    private FsMagic() {}
}

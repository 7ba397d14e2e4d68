package dev.stevedore.posix;

/**
 * Flags for {@link MountCalls#umount2} ({@code MNT_*} and {@code UMOUNT_NOFOLLOW} from
 * {@code <sys/mount.h>}).
 *
 * <pre>{@code
 * sys.umount2(target, UnmountFlags.MNT_DETACH);
 * }</pre>
 */
public final class UnmountFlags {
    /** Force the unmount even if busy (network filesystems only). */
    public static final int MNT_FORCE = 1;
    /** Lazy unmount: detach now, clean up once no longer busy. */
    public static final int MNT_DETACH = 2;
    /** Mark the mount expired; a second call unmounts it if still unused. */
    public static final int MNT_EXPIRE = 4;
    /** Do not follow a symbolic link in the last component of the target. */
    public static final int UMOUNT_NOFOLLOW = 8;

    private UnmountFlags() {}
}

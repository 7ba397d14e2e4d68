package dev.stevedore.posix;

/**
 * Flags of the {@code *at} calls ({@code AT_*} from {@code <fcntl.h>}). {@code AT_FDCWD} is
 * {@link Fd#cwd()}.
 *
 * <pre>{@code
 * sys.fchownat(dir, Path.of("link"), 0, 0, AtFlags.AT_SYMLINK_NOFOLLOW);
 * }</pre>
 */
public final class AtFlags {
    /** Act on a symbolic link itself, not on what it points to. */
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** {@code unlinkat}: remove a directory. */
    public static final int AT_REMOVEDIR = 0x200;
    /** {@code linkat}: follow a symbolic link as the source. */
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    /** Do not trigger an automount on the last component. */
    public static final int AT_NO_AUTOMOUNT = 0x800;
    /** With an empty path: act on the directory descriptor itself (which may be {@code O_PATH}). */
    public static final int AT_EMPTY_PATH = 0x1000;
    /** {@code open_tree} and {@code mount_setattr}: apply to the whole mount subtree. */
    public static final int AT_RECURSIVE = 0x8000;

    private AtFlags() {}
}

package dev.stevedore.posix;

/**
 * Flags for {@link MountCalls#mount} ({@code MS_*} from {@code <sys/mount.h>}); combine with
 * {@code |}. The propagation flags ({@code MS_SHARED}, {@code MS_PRIVATE}, ...) are also the
 * values of {@link MountAttributes#propagation()}.
 *
 * <pre>{@code
 * sys.mount(source.toString(), target, "", MountFlags.MS_BIND | MountFlags.MS_REC, "");
 * }</pre>
 */
public final class MountFlags {
    /** Mount read-only. */
    public static final long MS_RDONLY = 1L;
    /** Ignore set-user-id and set-group-id bits. */
    public static final long MS_NOSUID = 1L << 1;
    /** Disallow access to device files. */
    public static final long MS_NODEV = 1L << 2;
    /** Disallow executing programs. */
    public static final long MS_NOEXEC = 1L << 3;
    /** Write synchronously. */
    public static final long MS_SYNCHRONOUS = 1L << 4;
    /** Change the flags of an existing mount. */
    public static final long MS_REMOUNT = 1L << 5;
    /** Allow mandatory locks (ignored by current kernels). */
    public static final long MS_MANDLOCK = 1L << 6;
    /** Make directory changes synchronous. */
    public static final long MS_DIRSYNC = 1L << 7;
    /** Do not follow symbolic links when resolving paths on this mount. */
    public static final long MS_NOSYMFOLLOW = 1L << 8;
    /** Do not update access times. */
    public static final long MS_NOATIME = 1L << 10;
    /** Do not update directory access times. */
    public static final long MS_NODIRATIME = 1L << 11;
    /** Bind-mount: make a file or tree visible at another place. */
    public static final long MS_BIND = 1L << 12;
    /** Move a mount to another place. */
    public static final long MS_MOVE = 1L << 13;
    /** With {@code MS_BIND} or a propagation flag: apply to the whole subtree. */
    public static final long MS_REC = 1L << 14;
    /** Suppress some kernel log messages. */
    public static final long MS_SILENT = 1L << 15;
    /** Support POSIX ACLs (set by the filesystem). */
    public static final long MS_POSIXACL = 1L << 16;
    /** Propagation: this mount cannot be bind-mounted. */
    public static final long MS_UNBINDABLE = 1L << 17;
    /** Propagation: no events in or out. */
    public static final long MS_PRIVATE = 1L << 18;
    /** Propagation: receive events from the peer group, send none. */
    public static final long MS_SLAVE = 1L << 19;
    /** Propagation: share events with the peer group. */
    public static final long MS_SHARED = 1L << 20;
    /** Update access times relative to modification times. */
    public static final long MS_RELATIME = 1L << 21;
    /** Update inode version numbers. */
    public static final long MS_I_VERSION = 1L << 23;
    /** Always update access times. */
    public static final long MS_STRICTATIME = 1L << 24;
    /** Keep timestamp updates in memory only. */
    public static final long MS_LAZYTIME = 1L << 25;

    private MountFlags() {}
}

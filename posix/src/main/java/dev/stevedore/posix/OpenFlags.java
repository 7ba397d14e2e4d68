package dev.stevedore.posix;

/**
 * Flags for {@link FileCalls#openat} and {@link OpenHow#flags()} ({@code O_*} from
 * {@code <fcntl.h>}, x86-64 values); combine with {@code |}. Prefer {@code O_CLOEXEC} always.
 *
 * <pre>{@code
 * Fd dir = sys.openat(Fd.cwd(), root, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
 * }</pre>
 */
public final class OpenFlags {
    /** Open for reading only. */
    public static final int O_RDONLY = 0;
    /** Open for writing only. */
    public static final int O_WRONLY = 01;
    /** Open for reading and writing. */
    public static final int O_RDWR = 02;
    /** Create the file if missing (needs a mode). */
    public static final int O_CREAT = 0100;
    /** With {@code O_CREAT}: fail with {@code EEXIST} if the file exists. */
    public static final int O_EXCL = 0200;
    /** Do not make a terminal the controlling terminal. */
    public static final int O_NOCTTY = 0400;
    /** Truncate a regular file to length 0. */
    public static final int O_TRUNC = 01000;
    /** Every write appends. */
    public static final int O_APPEND = 02000;
    /** Non-blocking I/O. */
    public static final int O_NONBLOCK = 04000;
    /** Synchronized data writes. */
    public static final int O_DSYNC = 010000;
    /** Bypass the page cache. */
    public static final int O_DIRECT = 040000;
    /** Fail with {@code ENOTDIR} unless the path is a directory. */
    public static final int O_DIRECTORY = 0200000;
    /** Fail with {@code ELOOP} if the last component is a symbolic link (with {@code O_PATH}: open the link). */
    public static final int O_NOFOLLOW = 0400000;
    /** Do not update the access time. */
    public static final int O_NOATIME = 01000000;
    /** Close the descriptor on {@code execve}. */
    public static final int O_CLOEXEC = 02000000;
    /** Synchronized data and metadata writes. */
    public static final int O_SYNC = 04010000;
    /** A descriptor that only names a location: no I/O, but usable as a directory or with {@code AT_EMPTY_PATH}. */
    public static final int O_PATH = 010000000;
    /** Create an unnamed temporary regular file in the given directory. */
    public static final int O_TMPFILE = 020200000;

    private OpenFlags() {}
}

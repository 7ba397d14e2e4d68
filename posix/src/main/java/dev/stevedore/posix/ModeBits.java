package dev.stevedore.posix;

/**
 * File type and special permission bits of a mode ({@code S_*} from {@code <sys/stat.h>}),
 * for {@link FileCalls#mknodat} and {@link FileStat#mode()}; the low nine bits are the usual
 * {@code rwxrwxrwx} permissions.
 *
 * <pre>{@code
 * sys.mknodat(dir, Path.of("null"), ModeBits.S_IFCHR | 0666, Devices.makedev(1, 3));
 * }</pre>
 */
public final class ModeBits {
    /** Mask of the file type bits. */
    public static final int S_IFMT = 0170000;
    /** Socket. */
    public static final int S_IFSOCK = 0140000;
    /** Symbolic link. */
    public static final int S_IFLNK = 0120000;
    /** Regular file. */
    public static final int S_IFREG = 0100000;
    /** Block device. */
    public static final int S_IFBLK = 0060000;
    /** Directory. */
    public static final int S_IFDIR = 0040000;
    /** Character device. */
    public static final int S_IFCHR = 0020000;
    /** FIFO (named pipe). */
    public static final int S_IFIFO = 0010000;
    /** Set-user-id on execution. */
    public static final int S_ISUID = 04000;
    /** Set-group-id on execution. */
    public static final int S_ISGID = 02000;
    /** Sticky bit. */
    public static final int S_ISVTX = 01000;

    private ModeBits() {}
}

package dev.stevedore.posix;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link MetadataCalls#fstatat} and {@link MetadataCalls#fstat} report about a file:
 * the fields of {@code struct stat}.
 *
 * <pre>{@code
 * FileStat st = sys.fstatat(dir, Path.of("dev/null"), AtFlags.AT_SYMLINK_NOFOLLOW);
 * boolean whiteout = st.type() == ModeBits.S_IFCHR && st.rdev() == Devices.makedev(0, 0);
 * }</pre>
 *
 * @param dev the device the file is on
 * @param ino the inode number
 * @param mode the file type and permission bits ({@link ModeBits})
 * @param nlink the number of hard links
 * @param uid the owner
 * @param gid the group
 * @param rdev the device a character or block device file stands for ({@link Devices})
 * @param size the size in bytes (of a symbolic link: the length of its target)
 * @param blockSize the preferred I/O block size
 * @param blocks the number of 512-byte blocks allocated
 * @param atime the last access time
 * @param mtime the last modification time
 * @param ctime the last status change time
 */
public record FileStat(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev, long size,
        long blockSize, long blocks, Instant atime, Instant mtime, Instant ctime) {
    /**
     * Creates the value; the times must be present.
     *
     * @param dev the device the file is on
     * @param ino the inode number
     * @param mode the file type and permission bits
     * @param nlink the number of hard links
     * @param uid the owner
     * @param gid the group
     * @param rdev the device a device file stands for
     * @param size the size in bytes
     * @param blockSize the preferred I/O block size
     * @param blocks the number of 512-byte blocks allocated
     * @param atime the last access time
     * @param mtime the last modification time
     * @param ctime the last status change time
     * @throws NullPointerException if a time is null
     */
    public FileStat {
        Objects.requireNonNull(atime, "atime");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(ctime, "ctime");
    }

    /**
     * The file type bits, to compare with {@link ModeBits#S_IFREG}, {@link ModeBits#S_IFDIR}, ...
     *
     * @return {@code mode & S_IFMT}
     */
    public int type() {
        return mode & ModeBits.S_IFMT;
    }

    /**
     * The permission bits including set-user-id, set-group-id and sticky.
     *
     * @return {@code mode & 07777}
     */
    public int permissions() {
        return mode & 07777;
    }
}

package dev.stevedore.posix;

/**
 * What {@link MetadataCalls#statfs} reports about a mounted filesystem: the fields of
 * {@code struct statfs} (without {@code f_fsid} and the spare words).
 *
 * <pre>{@code
 * if (sys.statfs(dir).type() == FsMagic.OVERLAYFS_SUPER_MAGIC) { ... }
 * }</pre>
 *
 * @param type the filesystem's magic number ({@link FsMagic})
 * @param blockSize the optimal transfer block size
 * @param blocks the total number of blocks, in {@code fragmentSize} units
 * @param freeBlocks the number of free blocks
 * @param availableBlocks the number of free blocks available to unprivileged users
 * @param files the total number of inodes
 * @param freeFiles the number of free inodes
 * @param nameMax the maximum length of a file name
 * @param fragmentSize the fragment size
 * @param flags the mount flags ({@code ST_RDONLY} 1, {@code ST_NOSUID} 2, ...)
 */
public record FileSystemStat(long type, long blockSize, long blocks, long freeBlocks, long availableBlocks,
        long files, long freeFiles, long nameMax, long fragmentSize, long flags) {}

package dev.stevedore.posix;

/**
 * Flags for {@link FileCalls#renameat2} ({@code RENAME_*} from {@code <fcntl.h>}).
 *
 * <pre>{@code
 * sys.renameat2(dir, Path.of("tmp"), dir, Path.of("final"), RenameFlags.RENAME_NOREPLACE);
 * }</pre>
 */
public final class RenameFlags {
    /** Fail with {@code EEXIST} instead of replacing an existing target. */
    public static final int RENAME_NOREPLACE = 1;
    /** Atomically swap source and target, which must both exist. */
    public static final int RENAME_EXCHANGE = 2;
    /** Leave an overlay whiteout (character device 0/0) where the source was. */
    public static final int RENAME_WHITEOUT = 4;

    private RenameFlags() {}
}

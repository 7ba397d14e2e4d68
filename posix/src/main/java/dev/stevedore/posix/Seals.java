package dev.stevedore.posix;

/**
 * Seals of a memfd ({@code F_SEAL_*} from {@code <fcntl.h>}), for {@link MemfdCalls#addSeals}
 * and {@link MemfdCalls#seals}; combine with {@code |}. A memfd must be created with
 * {@link MemfdFlags#MFD_ALLOW_SEALING} to take seals.
 *
 * <pre>{@code
 * sys.addSeals(memfd, Seals.F_SEAL_SHRINK | Seals.F_SEAL_GROW | Seals.F_SEAL_WRITE | Seals.F_SEAL_SEAL);
 * }</pre>
 */
public final class Seals {
    /** No further seals may be added. */
    public static final int F_SEAL_SEAL = 0x0001;
    /** The file may not shrink. */
    public static final int F_SEAL_SHRINK = 0x0002;
    /** The file may not grow. */
    public static final int F_SEAL_GROW = 0x0004;
    /** The content may not change (fails while a shared writable mapping exists). */
    public static final int F_SEAL_WRITE = 0x0008;
    /** No new writable mappings or writes; existing shared mappings may still write. */
    public static final int F_SEAL_FUTURE_WRITE = 0x0010;
    /** The execute bits may not change (Linux 6.3+). */
    public static final int F_SEAL_EXEC = 0x0020;

    private Seals() {}
}

package dev.stevedore.posix;

/**
 * Flags for {@link MemfdCalls#memfdCreate} ({@code MFD_*} from {@code <sys/mman.h>}).
 *
 * <pre>{@code
 * Fd memfd = sys.memfdCreate("stevedore-init", MemfdFlags.MFD_CLOEXEC | MemfdFlags.MFD_ALLOW_SEALING);
 * }</pre>
 */
public final class MemfdFlags {
    /** The descriptor is close-on-exec. */
    public static final int MFD_CLOEXEC = 0x0001;
    /** The file accepts seals ({@link Seals}). */
    public static final int MFD_ALLOW_SEALING = 0x0002;
    /** Back the file with huge pages. */
    public static final int MFD_HUGETLB = 0x0004;
    /** Not executable, and sealed so (Linux 6.3+; {@code EINVAL} before). */
    public static final int MFD_NOEXEC_SEAL = 0x0008;
    /** Executable, even where {@code vm.memfd_noexec} defaults otherwise (Linux 6.3+; {@code EINVAL} before). */
    public static final int MFD_EXEC = 0x0010;

    private MemfdFlags() {}
}

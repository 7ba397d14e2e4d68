package dev.stevedore.posix;

/**
 * Flags for {@link ProcessCalls#pidfdOpen} ({@code PIDFD_*} from {@code <linux/pidfd.h>}).
 *
 * <pre>{@code
 * Fd pidfd = sys.pidfdOpen(process.pid(), PidfdFlags.PIDFD_NONBLOCK);
 * }</pre>
 */
public final class PidfdFlags {
    /** The pidfd is non-blocking ({@code O_NONBLOCK}). */
    public static final int PIDFD_NONBLOCK = OpenFlags.O_NONBLOCK;

    private PidfdFlags() {}
}

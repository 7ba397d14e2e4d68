package dev.stevedore.posix;

/**
 * Options of {@link PrctlCalls#prctl} ({@code PR_*} from {@code <linux/prctl.h>}). The typed
 * methods of {@link PrctlCalls} cover the common ones.
 *
 * <pre>{@code
 * long keep = sys.prctl(PrctlOptions.PR_GET_KEEPCAPS, 0, 0, 0, 0);
 * }</pre>
 */
public final class PrctlOptions {
    /** Set the signal sent to this thread when its parent thread dies. */
    public static final int PR_SET_PDEATHSIG = 1;
    /** Get the parent-death signal (into an {@code int *}). */
    public static final int PR_GET_PDEATHSIG = 2;
    /** Get whether the process may dump core and be ptrace-attached. */
    public static final int PR_GET_DUMPABLE = 3;
    /** Set whether the process may dump core and be ptrace-attached. */
    public static final int PR_SET_DUMPABLE = 4;
    /** Get whether capabilities survive a change away from uid 0. */
    public static final int PR_GET_KEEPCAPS = 7;
    /** Set whether capabilities survive a change away from uid 0. */
    public static final int PR_SET_KEEPCAPS = 8;
    /** Set the calling thread's name (16 bytes with the terminator). */
    public static final int PR_SET_NAME = 15;
    /** Get the calling thread's name. */
    public static final int PR_GET_NAME = 16;
    /** Set the secure computing mode. */
    public static final int PR_SET_SECCOMP = 22;
    /** Read whether a capability is in the bounding set. */
    public static final int PR_CAPBSET_READ = 23;
    /** Drop a capability from the bounding set. */
    public static final int PR_CAPBSET_DROP = 24;
    /** Make this process reap orphaned descendants. */
    public static final int PR_SET_CHILD_SUBREAPER = 36;
    /** Get the child-subreaper attribute (into an {@code int *}). */
    public static final int PR_GET_CHILD_SUBREAPER = 37;
    /** Forbid gaining privileges through {@code execve}; irreversible, inherited. */
    public static final int PR_SET_NO_NEW_PRIVS = 38;
    /** Get the no-new-privileges attribute. */
    public static final int PR_GET_NO_NEW_PRIVS = 39;
    /** Read or change the ambient capability set. */
    public static final int PR_CAP_AMBIENT = 47;

    private PrctlOptions() {}
}

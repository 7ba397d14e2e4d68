package dev.stevedore.posix;

/**
 * Process attributes through {@code prctl(2)}. Most of them apply to the whole JVM (dumpable,
 * child subreaper, no-new-privileges) or to the calling thread only (parent-death signal), and
 * some can never be undone ({@link #setNoNewPrivileges()}): the container's own settings are
 * made by the native helper, not here.
 *
 * <pre>{@code
 * boolean before = sys.isChildSubreaper();
 * sys.setChildSubreaper(true); // orphaned grandchildren now reparent to this JVM
 * }</pre>
 */
public interface PrctlCalls {
    /**
     * Calls {@code prctl} with an option and four arguments, for options without a typed method.
     *
     * @param option a {@link PrctlOptions} value
     * @param arg2 the second argument, 0 if unused
     * @param arg3 the third argument, 0 if unused
     * @param arg4 the fourth argument, 0 if unused
     * @param arg5 the fifth argument, 0 if unused
     * @return what {@code prctl} returned
     * @throws PosixException if it failed
     */
    long prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /**
     * Sets the signal the <em>calling thread</em> gets when the thread that created it dies
     * ({@code PR_SET_PDEATHSIG}); 0 clears it.
     *
     * @param signal a {@link Signals} number, or 0
     * @throws PosixException {@code EINVAL} for a bad signal
     */
    void setParentDeathSignal(int signal);

    /**
     * The calling thread's parent-death signal ({@code PR_GET_PDEATHSIG}).
     *
     * @return the signal, 0 if none
     */
    int parentDeathSignal();

    /**
     * Sets whether this process may dump core and be ptrace-attached by its owner
     * ({@code PR_SET_DUMPABLE}). Applies to the whole JVM; a non-dumpable process's
     * {@code /proc/<pid>} files belong to root.
     *
     * @param dumpable the new setting
     */
    void setDumpable(boolean dumpable);

    /**
     * Whether this process is dumpable ({@code PR_GET_DUMPABLE}).
     *
     * @return the setting
     */
    boolean isDumpable();

    /**
     * Forbids this process and all it will start from gaining privileges through
     * {@code execve} ({@code PR_SET_NO_NEW_PRIVS}): set-user-id bits and file capabilities stop
     * working. Irreversible, for the whole JVM.
     */
    void setNoNewPrivileges();

    /**
     * Whether no-new-privileges is set ({@code PR_GET_NO_NEW_PRIVS}).
     *
     * @return the setting
     */
    boolean hasNoNewPrivileges();

    /**
     * Makes this process the reaper of orphaned descendants ({@code PR_SET_CHILD_SUBREAPER}).
     *
     * @param subreaper the new setting
     */
    void setChildSubreaper(boolean subreaper);

    /**
     * Whether this process is a child subreaper ({@code PR_GET_CHILD_SUBREAPER}).
     *
     * @return the setting
     */
    boolean isChildSubreaper();
}

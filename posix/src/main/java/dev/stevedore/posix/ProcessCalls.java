package dev.stevedore.posix;

/**
 * Processes and namespaces from the host side: signals by pid and by pidfd, joining a
 * namespace, and the caller's ids.
 *
 * <p>A pidfd refers to one process for its whole life, so signalling through it cannot hit a
 * process that reused the pid after the target was reaped.
 *
 * <pre>{@code
 * Process p = new ProcessBuilder("sleep", "100").start();
 * try (Fd pidfd = sys.pidfdOpen(p.pid(), 0)) {
 *     sys.pidfdSendSignal(pidfd, Signals.SIGTERM);
 * }
 * }</pre>
 */
public interface ProcessCalls {
    /**
     * Moves the <em>calling thread</em> into the namespace a descriptor names ({@code setns(2)}).
     * Other JVM threads stay where they were. The kernel refuses mount and user namespaces to a
     * multithreaded process ({@code EINVAL}), so from a JVM this serves network, UTS, IPC and
     * cgroup namespaces, on a thread dedicated to the job.
     *
     * @param namespace an open {@code /proc/<pid>/ns/<type>} file (or a pidfd)
     * @param nstype the expected {@link CloneFlags} type, or 0 for any
     * @throws PosixException {@code EINVAL} if the type does not match, {@code EBADF}, {@code EPERM}, ...
     */
    void setns(Fd namespace, int nstype);

    /**
     * Opens a descriptor that refers to a process ({@code pidfd_open(2)}, Linux 5.3+).
     *
     * @param pid the process id, such as {@link Process#pid()}
     * @param flags {@link PidfdFlags} or 0
     * @return the pidfd
     * @throws PosixException {@code ESRCH} if there is no such process
     * @throws IllegalArgumentException if {@code pid} is not positive or not an {@code int}
     */
    Fd pidfdOpen(long pid, int flags);

    /**
     * Sends a signal to the process a pidfd refers to ({@code pidfd_send_signal(2)}).
     *
     * @param pidfd from {@link #pidfdOpen}
     * @param signal a {@link Signals} number
     * @throws PosixException {@code ESRCH} if the process has exited, ...
     */
    void pidfdSendSignal(Fd pidfd, int signal);

    /**
     * Sends a signal to a process by id ({@code kill(2)}); signal 0 only checks that it exists.
     * Prefer {@link #pidfdSendSignal} for processes that may already have been reaped.
     *
     * @param pid a positive process id
     * @param signal a {@link Signals} number, or 0
     * @throws PosixException {@code ESRCH} if there is no such process, {@code EPERM}, ...
     * @throws IllegalArgumentException if {@code pid} is not positive or not an {@code int}:
     *     this method never signals a process group or every process
     */
    void kill(long pid, int signal);

    /**
     * The real user id of this process.
     *
     * @return {@code getuid()}
     */
    int getuid();

    /**
     * The effective user id of this process, 0 for root.
     *
     * @return {@code geteuid()}
     */
    int geteuid();

    /**
     * The real group id of this process.
     *
     * @return {@code getgid()}
     */
    int getgid();

    /**
     * The effective group id of this process.
     *
     * @return {@code getegid()}
     */
    int getegid();
}

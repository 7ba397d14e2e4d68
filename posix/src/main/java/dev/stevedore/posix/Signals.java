package dev.stevedore.posix;

/**
 * Signal numbers for x86-64 Linux ({@code SIG*} from {@code <signal.h>}), for
 * {@link ProcessCalls#kill}, {@link ProcessCalls#pidfdSendSignal} and
 * {@link PrctlCalls#setParentDeathSignal}.
 *
 * <pre>{@code
 * sys.pidfdSendSignal(pidfd, Signals.SIGTERM);
 * }</pre>
 */
public final class Signals {
    /** Hangup. */
    public static final int SIGHUP = 1;
    /** Interrupt (Ctrl-C). */
    public static final int SIGINT = 2;
    /** Quit. */
    public static final int SIGQUIT = 3;
    /** Kill; cannot be caught or ignored. */
    public static final int SIGKILL = 9;
    /** User-defined signal 1. */
    public static final int SIGUSR1 = 10;
    /** User-defined signal 2. */
    public static final int SIGUSR2 = 12;
    /** Write to a pipe with no readers. */
    public static final int SIGPIPE = 13;
    /** Alarm clock. */
    public static final int SIGALRM = 14;
    /** Termination request. */
    public static final int SIGTERM = 15;
    /** A child stopped or exited. */
    public static final int SIGCHLD = 17;
    /** Continue if stopped. */
    public static final int SIGCONT = 18;
    /** Stop; cannot be caught or ignored. */
    public static final int SIGSTOP = 19;
    /** Terminal window size changed. */
    public static final int SIGWINCH = 28;

    private Signals() {}
}

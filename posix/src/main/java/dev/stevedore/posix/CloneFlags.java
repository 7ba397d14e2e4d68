package dev.stevedore.posix;

/**
 * Namespace types ({@code CLONE_NEW*} from {@code <sched.h>}), for {@link ProcessCalls#setns}
 * and for configuring the native helper that creates namespaces.
 *
 * <p>There is deliberately no {@code unshare} binding: a JVM runs many threads, and
 * {@code unshare} either fails in a multithreaded process ({@code CLONE_NEWUSER}) or moves only
 * the calling thread, leaving the rest of the JVM behind. New namespaces are made by the small
 * native program that runs before the container's process, never in the JVM.
 *
 * <pre>{@code
 * try (Fd ns = sys.openat(Fd.cwd(), Path.of("/proc", pid, "ns/net"), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0)) {
 *     sys.setns(ns, CloneFlags.CLONE_NEWNET); // moves the calling thread only
 * }
 * }</pre>
 */
public final class CloneFlags {
    /** Time namespace. */
    public static final int CLONE_NEWTIME = 0x00000080;
    /** Mount namespace. */
    public static final int CLONE_NEWNS = 0x00020000;
    /** Cgroup namespace. */
    public static final int CLONE_NEWCGROUP = 0x02000000;
    /** UTS (host and domain name) namespace. */
    public static final int CLONE_NEWUTS = 0x04000000;
    /** IPC namespace. */
    public static final int CLONE_NEWIPC = 0x08000000;
    /** User namespace. */
    public static final int CLONE_NEWUSER = 0x10000000;
    /** PID namespace. */
    public static final int CLONE_NEWPID = 0x20000000;
    /** Network namespace. */
    public static final int CLONE_NEWNET = 0x40000000;

    private CloneFlags() {}
}

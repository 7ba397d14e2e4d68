package dev.stevedore.posix;

/**
 * The Linux system calls the JDK lacks, typed: every area interface in one. Obtain the
 * implementation with {@link #linux()}; depend on a narrower interface ({@link MountCalls},
 * {@link FileCalls}, ...) where that is all a class needs.
 *
 * <p>Every method throws {@link PosixException} naming the call, its arguments and the errno
 * when the call fails, and nothing else for a failing call. Descriptors come back as
 * {@link Fd}s the caller closes.
 *
 * <pre>{@code
 * Syscalls sys = Syscalls.linux();
 * sys.mount("tmpfs", dir, "tmpfs", MountFlags.MS_NOSUID | MountFlags.MS_NODEV, "size=16m");
 * try {
 *     ...
 * } finally {
 *     sys.umount2(dir, UnmountFlags.MNT_DETACH);
 * }
 * }</pre>
 */
public interface Syscalls extends MountCalls, FileCalls, MetadataCalls, IoCalls, XattrCalls, ProcessCalls,
        PrctlCalls, MemfdCalls, BpfCalls, SpawnCalls {
    /**
     * The implementation for Linux on x86-64, bound to the C library through JNA the first
     * time it is asked for and shared afterwards; safe to use from any thread.
     *
     * @return the shared instance
     * @throws UnsupportedOperationException on another operating system or architecture
     */
    static Syscalls linux() {
        return LinuxSyscalls.instance();
    }
}

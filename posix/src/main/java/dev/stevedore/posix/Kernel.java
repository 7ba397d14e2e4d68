package dev.stevedore.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;

/**
 * Raw system calls through glibc's variadic {@code long syscall(long number, ...)}, for calls
 * glibc 2.28 lacks, with the x86-64 numbers from {@code asm/unistd_64.h}.
 *
 * <p>{@code syscall} reads every argument as a 64-bit word, but a C {@code int} passed to a
 * variadic function leaves the register's upper half undefined. So every integer argument is
 * passed as a Java {@code long} (a 32-bit descriptor or flag sign-extends, which the kernel
 * truncates back); pointers as {@code String}, {@code byte[]}, a {@code Structure} or
 * {@code null}. {@link #syscall} rejects an {@code Integer} to keep it that way.
 */
final class Kernel {
    static final long SYS_MKNODAT = 259;
    static final long SYS_NEWFSTATAT = 262;
    static final long SYS_BPF = 321;
    static final long SYS_PIDFD_SEND_SIGNAL = 424;
    static final long SYS_OPEN_TREE = 428;
    static final long SYS_MOVE_MOUNT = 429;
    static final long SYS_FSOPEN = 430;
    static final long SYS_FSCONFIG = 431;
    static final long SYS_FSMOUNT = 432;
    static final long SYS_PIDFD_OPEN = 434;
    static final long SYS_OPENAT2 = 437;
    static final long SYS_MOUNT_SETATTR = 442;

    private interface C extends Library {
        long syscall(long number, Object... args) throws LastErrorException;
    }

    private static final class Holder {
        static final C C = LibC.load(C.class);
    }

    private Kernel() {}

    /**
     * Makes the call.
     *
     * @throws LastErrorException with the errno if the kernel returned an error
     */
    static long syscall(long number, Object... args) {
        for (Object arg : args) {
            if (arg instanceof Integer || arg instanceof Short || arg instanceof Byte) {
                throw new IllegalArgumentException("pass integer syscall arguments as long, not " + arg.getClass());
            }
        }
        return Holder.C.syscall(number, args);
    }
}

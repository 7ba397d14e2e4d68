package dev.stevedore.posix;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux file descriptor: a directory to resolve {@code *at} paths against, an open file,
 * a mount or filesystem context, a namespace, a pidfd or a memfd.
 *
 * <p>An {@code Fd} either owns its descriptor ({@link #adopt}, and everything a
 * {@link Syscalls} call returns) and closes it on {@link #close()}, or merely names one it
 * does not own ({@link #cwd()}, {@link #borrow}), in which case closing only forgets it.
 * Closing is idempotent. Closing an {@code Fd} while another thread still passes it to a
 * call is a bug: the number may already name another file.
 *
 * <pre>{@code
 * try (Fd dir = Syscalls.linux().openat(Fd.cwd(), root, OpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0)) {
 *     Syscalls.linux().mkdirat(dir, Path.of("etc"), 0755);
 * }
 * }</pre>
 */
public final class Fd implements AutoCloseable {
    /** {@code AT_FDCWD}: resolve relative paths against the working directory. */
    private static final int AT_FDCWD = -100;
    private static final int CLOSED = -1;
    private static final Fd CWD = new Fd(AT_FDCWD, false);

    private final AtomicInteger number;
    private final boolean owned;

    private Fd(int number, boolean owned) {
        this.number = new AtomicInteger(number);
        this.owned = owned;
    }

    /**
     * The pseudo-descriptor {@code AT_FDCWD}, so that {@code *at} calls resolve relative paths
     * against the working directory (and absolute paths as usual). Closing it does nothing.
     *
     * @return the shared {@code AT_FDCWD} value
     */
    public static Fd cwd() {
        return CWD;
    }

    /**
     * Takes ownership of an open descriptor: {@link #close()} will close it.
     *
     * @param number a descriptor this process has open and nobody else will close
     * @return an owning {@code Fd}
     * @throws IllegalArgumentException if {@code number} is negative
     */
    public static Fd adopt(int number) {
        return new Fd(checkNumber(number), true);
    }

    /**
     * Names a descriptor owned elsewhere (for example standard output, 1) without taking
     * ownership: {@link #close()} forgets it but leaves it open.
     *
     * @param number a descriptor number
     * @return a non-owning {@code Fd}
     * @throws IllegalArgumentException if {@code number} is negative
     */
    public static Fd borrow(int number) {
        return new Fd(checkNumber(number), false);
    }

    /**
     * The descriptor number to pass to the kernel ({@code -100} for {@link #cwd()}).
     *
     * @return the number
     * @throws IllegalStateException if this {@code Fd} was closed
     */
    public int number() {
        int n = number.get();
        if (n == CLOSED) {
            throw new IllegalStateException("file descriptor already closed");
        }
        return n;
    }

    /**
     * Whether this {@code Fd} can still be used, that is, was not closed.
     *
     * @return {@code true} until {@link #close()}
     */
    public boolean isOpen() {
        return number.get() != CLOSED;
    }

    /**
     * This descriptor's magic link in procfs, {@code /proc/<pid>/fd/<n>} with this JVM's pid,
     * so that it also means this descriptor to child processes (which do not inherit it). A
     * sealed memfd can be executed through it.
     *
     * <pre>{@code
     * new ProcessBuilder(memfd.procPath().toString(), "--version").start();
     * }</pre>
     *
     * @return the path of the magic link
     * @throws IllegalStateException if this is {@link #cwd()} or was closed
     */
    public Path procPath() {
        int n = number();
        if (n == AT_FDCWD) {
            throw new IllegalStateException("AT_FDCWD has no /proc/<pid>/fd entry");
        }
        return Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd", Integer.toString(n));
    }

    /**
     * Closes the descriptor if this {@code Fd} owns it; does nothing the second time.
     *
     * @throws PosixException if {@code close(2)} reports an error other than {@code EINTR}
     *     (the descriptor is released all the same)
     */
    @Override
    public void close() {
        if (this == CWD) {
            return;
        }
        int n = number.getAndSet(CLOSED);
        if (n != CLOSED && owned) {
            Descriptors.close(n);
        }
    }

    /** How the descriptor appears in error messages: its number, {@code AT_FDCWD} or {@code closed}. */
    @Override
    public String toString() {
        int n = number.get();
        return n == AT_FDCWD ? "AT_FDCWD" : n == CLOSED ? "closed" : Integer.toString(n);
    }

    private static int checkNumber(int number) {
        if (number < 0) {
            throw new IllegalArgumentException("file descriptor must not be negative: " + number);
        }
        return number;
    }
}

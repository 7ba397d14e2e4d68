package dev.stevedore.posix;

import java.util.Objects;

/**
 * A system call failed. The root of every error this module reports; the message names the
 * call, its arguments (paths quoted, flags in hex, modes in octal) and the errno by name,
 * number and description:
 *
 * <pre>{@code
 * mkdirat(AT_FDCWD, "/tmp/x/missing/dir", 0755) failed: ENOENT (2): No such file or directory
 * }</pre>
 *
 * <p>Callers branch on {@link #errno()}:
 *
 * <pre>{@code
 * catch (PosixException e) {
 *     if (e.errno() != Errno.EEXIST) throw e;
 * }
 * }</pre>
 */
public class PosixException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failed call's name. */
    private final String call;
    /** The raw errno value. */
    private final int errorNumber;

    /**
     * Creates the exception for a failed call.
     *
     * @param call the system call or libc function, such as {@code "mount"}
     * @param arguments its arguments as they should appear between the parentheses
     * @param errorNumber the {@code errno} it failed with
     */
    public PosixException(String call, String arguments, int errorNumber) {
        this(call, arguments, errorNumber, "");
    }

    /**
     * Creates the exception for a failed call, with what else is known about the failure
     * (such as the messages the kernel logged on a filesystem context).
     *
     * @param call the system call or libc function, such as {@code "fsconfig"}
     * @param arguments its arguments as they should appear between the parentheses
     * @param errorNumber the {@code errno} it failed with
     * @param detail more about the failure, appended to the message; empty for none
     */
    public PosixException(String call, String arguments, int errorNumber, String detail) {
        super(call + "(" + arguments + ") failed: " + Errno.describe(errorNumber)
                + (detail.isEmpty() ? "" : " [" + detail + "]"));
        this.call = Objects.requireNonNull(call, "call");
        this.errorNumber = errorNumber;
    }

    /**
     * The call that failed, such as {@code "openat2"}.
     *
     * @return the call's name
     */
    public String call() {
        return call;
    }

    /**
     * What the call failed with.
     *
     * @return the errno constant, {@link Errno#UNKNOWN} if the number is not in the table
     */
    public Errno errno() {
        return Errno.of(errorNumber);
    }

    /**
     * The raw {@code errno} value, also for numbers {@link Errno} does not know.
     *
     * @return the error number
     */
    public int errorNumber() {
        return errorNumber;
    }
}

package dev.stevedore.sandbox;

/**
 * The root of every error the sandbox reports. Subtypes name the step that failed
 * (a mount, a namespace, a cgroup file) and the errno where there is one.
 */
public class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the step that failed.
     *
     * @param message what failed, and where
     */
    public SandboxException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what failed, and where
     * @param cause the error that led to this one
     */
    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}

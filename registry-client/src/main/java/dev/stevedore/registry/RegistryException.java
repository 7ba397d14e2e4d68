package dev.stevedore.registry;

/**
 * The root of every error the registry client reports. Subtypes carry the reference and
 * the registry's error code; messages never contain credentials or tokens.
 */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the reference and the action.
     *
     * @param message what was tried, against which reference, and why it failed
     */
    public RegistryException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what was tried, against which reference, and why it failed
     * @param cause the error that led to this one
     */
    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}

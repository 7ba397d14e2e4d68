package dev.stevedore.registry;

/**
 * The root of every error the registry client reports. Messages read
 * {@code "Tried to <action> but failed because: <reason>"}; subtypes carry the reference and
 * the registry's error code. Messages never contain credentials or tokens.
 *
 * <pre>{@code
 * try {
 *     client.manifest(ImageReference.parse("127.0.0.1:5000/app:1"));
 * } catch (NotFoundException e) {
 *     e.code();      // "MANIFEST_UNKNOWN"
 *     e.reference(); // "127.0.0.1:5000/app:1"
 * }
 * }</pre>
 */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was tried, such as {@code "pull manifest 127.0.0.1:5000/app:1"}; empty if unknown. */
    private final String action;
    /** The image reference or registry the action was about; empty if unknown. */
    private final String reference;

    /**
     * Creates an exception with a message that names the reference and the action.
     *
     * @param message what was tried, against which reference, and why it failed
     */
    public RegistryException(String message) {
        super(message);
        this.action = "";
        this.reference = "";
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what was tried, against which reference, and why it failed
     * @param cause the error that led to this one
     */
    public RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.action = "";
        this.reference = "";
    }

    /**
     * Creates an exception whose message is {@code "Tried to <action> but failed because: <reason>"}.
     *
     * @param action what was tried, such as {@code "pull manifest 127.0.0.1:5000/app:1"}
     * @param reference the image reference or registry concerned
     * @param reason why it failed, without secrets
     * @param cause the error that led to this one, or null
     */
    protected RegistryException(String action, String reference, String reason, Throwable cause) {
        super("Tried to " + action + " but failed because: " + reason, cause);
        this.action = action;
        this.reference = reference;
    }

    /**
     * Returns what was tried.
     *
     * @return the action, such as {@code "pull manifest 127.0.0.1:5000/app:1"}, or empty
     */
    public String action() {
        return action;
    }

    /**
     * Returns the image reference or registry the failed action was about.
     *
     * @return the reference, such as {@code "127.0.0.1:5000/app:1"}, or empty
     */
    public String reference() {
        return reference;
    }
}

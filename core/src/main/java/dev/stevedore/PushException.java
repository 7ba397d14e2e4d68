package dev.stevedore;

/**
 * Thrown when a push fails: the registry refused or was unreachable, or a blob was missing
 * from the store.
 *
 * <pre>{@code
 * try {
 *     image.push("127.0.0.1:5000/app:1");
 * } catch (PushException e) {
 *     e.reference(); // "127.0.0.1:5000/app:1"
 * }
 * }</pre>
 */
public final class PushException extends StevedoreException {
    private static final long serialVersionUID = 1L;

    private final String reference;

    PushException(String reference, String message, Throwable cause) {
        super(message, cause);
        this.reference = reference;
    }

    /**
     * The normalized reference that was pushed to.
     *
     * @return such as {@code 127.0.0.1:5000/app:1}
     */
    public String reference() {
        return reference;
    }
}

package dev.stevedore;

/**
 * Thrown when an image is neither in the engine's store nor, when pulling, in the registry.
 *
 * <pre>{@code
 * Images.inspect("nosuch"); // ImageNotFoundException: no such image: nosuch (not in the store at ...)
 * }</pre>
 */
public final class ImageNotFoundException extends StevedoreException {
    private static final long serialVersionUID = 1L;

    private final String reference;

    ImageNotFoundException(String reference, String message, Throwable cause) {
        super(message, cause);
        this.reference = reference;
    }

    ImageNotFoundException(String reference, String message) {
        super(message);
        this.reference = reference;
    }

    /**
     * The reference or id that was looked for, as given.
     *
     * @return the reference
     */
    public String reference() {
        return reference;
    }
}

package dev.stevedore.oci;

/**
 * A platform specifier such as {@code "linux/arm64/v8"} that cannot be parsed.
 */
public final class InvalidPlatformException extends OciException {
    private static final long serialVersionUID = 1L;

    /** The rejected specifier. */
    private final String specifier;

    InvalidPlatformException(String specifier, String reason) {
        super("invalid platform \"" + specifier + "\": " + reason);
        this.specifier = specifier;
    }

    /**
     * Returns the specifier that was rejected.
     *
     * @return the rejected input, exactly as given
     */
    public String specifier() {
        return specifier;
    }
}

package dev.stevedore.oci;

/**
 * An image reference that does not follow the reference grammar, such as
 * {@code "foo/Bar"} (uppercase repository) or {@code "busybox:-x"} (bad tag).
 */
public final class InvalidReferenceException extends OciException {
    private static final long serialVersionUID = 1L;

    /** The rejected reference text. */
    private final String reference;

    InvalidReferenceException(String reference, String message) {
        super(message);
        this.reference = reference;
    }

    InvalidReferenceException(String reference, String message, Throwable cause) {
        super(message, cause);
        this.reference = reference;
    }

    /**
     * Returns the reference text that was rejected.
     *
     * @return the rejected input, exactly as given
     */
    public String reference() {
        return reference;
    }
}

package dev.stevedore.oci;

/**
 * Content that ended before reaching its declared size.
 */
public final class SizeMismatchException extends ContentVerificationException {
    private static final long serialVersionUID = 1L;

    /** The declared size in bytes. */
    private final long expectedSize;
    /** The number of bytes that arrived. */
    private final long actualSize;

    /**
     * Creates the exception for content of {@code expected} that ended after {@code actualSize}
     * bytes instead of {@code expectedSize}.
     *
     * @param expected the digest of the content
     * @param expectedSize the declared size in bytes
     * @param actualSize the number of bytes that arrived
     */
    public SizeMismatchException(Digest expected, long expectedSize, long actualSize) {
        super(expected, "content " + expected + " ended after " + actualSize
                + " bytes, expected " + expectedSize);
        this.expectedSize = expectedSize;
        this.actualSize = actualSize;
    }

    /**
     * Returns the declared size.
     *
     * @return the size in bytes the content should have had
     */
    public long expectedSize() {
        return expectedSize;
    }

    /**
     * Returns the number of bytes that arrived before the end of the content.
     *
     * @return the size in bytes the content had
     */
    public long actualSize() {
        return actualSize;
    }
}

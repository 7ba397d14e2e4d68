package dev.stevedore.oci;

/**
 * Content that went on past its declared size. It is reported as soon as the first extra byte
 * arrives; that byte is never handed to the reader.
 */
public final class SizeExceededException extends ContentVerificationException {
    private static final long serialVersionUID = 1L;

    /** The declared size in bytes. */
    private final long expectedSize;
    /** The number of bytes seen when the excess was detected. */
    private final long seenSize;

    /**
     * Creates the exception for content of {@code expected} that had at least {@code seenSize}
     * bytes although {@code expectedSize} were declared.
     *
     * @param expected the digest of the content
     * @param expectedSize the declared size in bytes
     * @param seenSize the number of bytes seen when the excess was detected
     */
    public SizeExceededException(Digest expected, long expectedSize, long seenSize) {
        super(expected, "content " + expected + " exceeds its declared size of " + expectedSize
                + " bytes (read at least " + seenSize + ")");
        this.expectedSize = expectedSize;
        this.seenSize = seenSize;
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
     * Returns how many bytes had been seen when the excess was detected; the content has at
     * least this many.
     *
     * @return a lower bound of the actual size
     */
    public long seenSize() {
        return seenSize;
    }
}

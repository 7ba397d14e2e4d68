package dev.stevedore.oci;

/**
 * Content that did not match the descriptor it was read against: a different digest, fewer
 * bytes than declared, or more bytes than declared.
 *
 * <p>{@link VerifyingInputStream} reports these wrapped in a
 * {@link ContentVerificationIOException}; call {@link ContentVerificationIOException#failure()}
 * to get this typed error.
 */
public abstract sealed class ContentVerificationException extends OciException
        permits DigestMismatchException, SizeMismatchException, SizeExceededException {
    private static final long serialVersionUID = 1L;

    /** The digest the content should have had, as text. */
    private final String expected;

    ContentVerificationException(Digest expected, String message) {
        super(message);
        this.expected = expected.toString();
    }

    /**
     * Returns the digest the content was expected to have.
     *
     * @return the expected digest
     */
    public Digest expected() {
        return Digest.parse(expected);
    }
}

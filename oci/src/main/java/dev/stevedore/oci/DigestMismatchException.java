package dev.stevedore.oci;

/**
 * Content whose size was right but whose digest was not the expected one.
 */
public final class DigestMismatchException extends ContentVerificationException {
    private static final long serialVersionUID = 1L;

    /** The digest the content had, as text. */
    private final String actual;

    /**
     * Creates the exception for content that hashed to {@code actual} instead of {@code expected}.
     *
     * @param expected the digest the content should have had
     * @param actual the digest the content had
     */
    public DigestMismatchException(Digest expected, Digest actual) {
        super(expected, "content digest mismatch: expected " + expected + ", got " + actual);
        this.actual = actual.toString();
    }

    /**
     * Returns the digest the content actually had.
     *
     * @return the computed digest
     */
    public Digest actual() {
        return Digest.parse(actual);
    }
}

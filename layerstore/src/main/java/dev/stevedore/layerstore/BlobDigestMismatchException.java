package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;

/**
 * A blob whose bytes hash to another digest than the expected one; the write was aborted.
 *
 * <pre>{@code
 * catch (BlobDigestMismatchException e) { log.warn("{} arrived as {}", e.expected(), e.actual()); }
 * }</pre>
 */
public final class BlobDigestMismatchException extends BlobVerificationException {
    private static final long serialVersionUID = 1L;

    /** The digest the content had, as text. */
    private final String actual;

    /**
     * Creates the exception.
     *
     * @param expected the digest the content should have had
     * @param actual the digest it had
     */
    public BlobDigestMismatchException(Digest expected, Digest actual) {
        super(expected, "blob " + expected + " was rejected: its content has digest " + actual);
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

package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;

/**
 * Content written to the store that did not match what it was declared to be: a different
 * digest ({@link BlobDigestMismatchException}), fewer bytes ({@link BlobSizeMismatchException})
 * or more bytes ({@link BlobSizeExceededException}). When it is thrown the write has been
 * aborted: nothing of it is visible in the store.
 */
public abstract sealed class BlobVerificationException extends StoreException
        permits BlobDigestMismatchException, BlobSizeMismatchException, BlobSizeExceededException {
    private static final long serialVersionUID = 1L;

    /** The digest the content was declared to have, as text. */
    private final String expected;

    BlobVerificationException(Digest expected, String message) {
        super(message);
        this.expected = expected.toString();
    }

    /**
     * Returns the digest the content was declared to have.
     *
     * @return the expected digest
     */
    public Digest expected() {
        return Digest.parse(expected);
    }
}

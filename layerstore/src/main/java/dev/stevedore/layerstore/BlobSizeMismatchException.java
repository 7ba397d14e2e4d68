package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;

/**
 * A blob that was committed with fewer bytes than its descriptor declares; the write was
 * aborted.
 */
public final class BlobSizeMismatchException extends BlobVerificationException {
    private static final long serialVersionUID = 1L;

    /** The declared size in bytes. */
    private final long expectedSize;
    /** The number of bytes written. */
    private final long actualSize;

    /**
     * Creates the exception.
     *
     * @param expected the blob's declared digest
     * @param expectedSize its declared size
     * @param actualSize the number of bytes written
     */
    public BlobSizeMismatchException(Digest expected, long expectedSize, long actualSize) {
        super(expected, "blob " + expected + " was rejected: " + actualSize + " bytes were written, "
                + expectedSize + " expected");
        this.expectedSize = expectedSize;
        this.actualSize = actualSize;
    }

    /** @return the declared size in bytes */
    public long expectedSize() {
        return expectedSize;
    }

    /** @return the number of bytes written */
    public long actualSize() {
        return actualSize;
    }
}

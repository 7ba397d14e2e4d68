package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;

/**
 * More bytes arrived for a blob than its descriptor declares. It is thrown by the write that
 * brings the first excess byte, which is never stored; the write was aborted.
 */
public final class BlobSizeExceededException extends BlobVerificationException {
    private static final long serialVersionUID = 1L;

    /** The declared size in bytes. */
    private final long expectedSize;
    /** How many bytes would have been written with the rejected write. */
    private final long attemptedSize;

    /**
     * Creates the exception.
     *
     * @param expected the blob's declared digest
     * @param expectedSize its declared size
     * @param attemptedSize the size the blob would have reached with the rejected write
     */
    public BlobSizeExceededException(Digest expected, long expectedSize, long attemptedSize) {
        super(expected, "blob " + expected + " was rejected: it exceeds its declared size of " + expectedSize
                + " bytes (a write would have made it " + attemptedSize + ")");
        this.expectedSize = expectedSize;
        this.attemptedSize = attemptedSize;
    }

    /** @return the declared size in bytes */
    public long expectedSize() {
        return expectedSize;
    }

    /** @return the size the blob would have reached; a lower bound of the content's real size */
    public long attemptedSize() {
        return attemptedSize;
    }
}

package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;

/**
 * A blob that is not in the store (or, when importing, not in the archive being read).
 *
 * <pre>{@code
 * try (InputStream in = store.blobs().open(digest)) { ... }
 * catch (BlobNotFoundException e) { registry.pull(e.digest()); }
 * }</pre>
 */
public final class BlobNotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** The missing blob's digest, as text. */
    private final String digest;

    /**
     * Creates the exception for a missing blob.
     *
     * @param digest the blob's digest
     * @param where what was looked in, such as the store root
     */
    public BlobNotFoundException(Digest digest, String where) {
        super("blob " + digest + " is not in " + where);
        this.digest = digest.toString();
    }

    /**
     * Returns the digest of the missing blob.
     *
     * @return the digest
     */
    public Digest digest() {
        return Digest.parse(digest);
    }
}

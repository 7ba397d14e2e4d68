package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;

/**
 * Where pulled blobs go. The registry client knows nothing of the disk store: the caller
 * (core, backed by the layer store's ingest) provides this. Must be thread-safe: blobs are
 * pulled in parallel, each into its own target.
 *
 * <pre>{@code
 * BlobSink sink = new BlobSink() {
 *     public boolean contains(Digest digest) { return store.has(digest); }
 *     public BlobTarget open(Descriptor expected) { return adapt(store.ingest(expected.digest())); }
 * };
 * client.pull(ref, Platform.host(), sink);
 * }</pre>
 */
public interface BlobSink {
    /**
     * Whether the blob is already there, so that it need not be downloaded.
     *
     * @param digest the blob's digest
     * @return true to skip it
     */
    boolean contains(Digest digest);

    /**
     * Opens a target for one blob. The client writes the verified content to it, then calls
     * {@link BlobTarget#commit()} only if the digest and size matched, else
     * {@link BlobTarget#abort()}; it always closes the target.
     *
     * @param expected the descriptor being pulled
     * @return an empty target
     */
    BlobTarget open(Descriptor expected);
}

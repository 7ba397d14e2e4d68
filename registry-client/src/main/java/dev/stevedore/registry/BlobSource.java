package dev.stevedore.registry;

import dev.stevedore.oci.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where pushed blobs come from: the caller (core, from the layer store) opens each blob by
 * digest. Must be thread-safe: blobs are pushed in parallel.
 *
 * <pre>{@code BlobSource source = digest -> Files.newInputStream(layout.resolve("blobs").resolve(digest.blobPath()));}</pre>
 */
@FunctionalInterface
public interface BlobSource {
    /**
     * Opens a blob from its start.
     *
     * @param digest the blob's digest
     * @return the content; the client closes it
     * @throws IOException if the blob cannot be read
     */
    InputStream open(Digest digest) throws IOException;

    /**
     * Opens a blob at an offset, to resume an upload. The default skips from the start.
     *
     * @param digest the blob's digest
     * @param offset how many bytes to skip
     * @return the content from {@code offset}; the client closes it
     * @throws IOException if the blob cannot be read
     */
    default InputStream open(Digest digest, long offset) throws IOException {
        InputStream in = open(digest);
        try {
            in.skipNBytes(offset);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}

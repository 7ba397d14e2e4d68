package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Read access to committed blobs. Everything a reader can see was verified when written;
 * {@code fsck} verifies again.
 */
interface BlobReader {
    /** @return whether a committed blob with this digest is in the store */
    boolean contains(Digest digest);

    /** @return the file holding the blob, if committed; callers must only read it */
    Optional<Path> path(Digest digest);

    /**
     * Opens a committed blob.
     *
     * @param digest its digest
     * @return a stream over its bytes
     * @throws StoreException if it is not in the store or cannot be read
     */
    InputStream open(Digest digest);
}

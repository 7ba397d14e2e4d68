package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The store's blobs, {@code blobs/<alg>/<hex>} of an OCI image layout. Everything visible here
 * was verified and fsynced before it was renamed into place: a write streams into a temp file
 * while it is hashed, fails as soon as more bytes arrive than expected, checks digest and size,
 * and only then commits. A failed or abandoned write leaves nothing behind, and committing a
 * blob that is already there changes nothing. Every write names the {@link Lease} that keeps it
 * from GC until a ref or hold takes over.
 *
 * <pre>{@code
 * BlobStore blobs = store.blobs();
 * try (Lease lease = store.lease(Duration.ofMinutes(30));
 *         BlobWriter out = blobs.writer(layerDescriptor, lease)) {
 *     body.transferTo(out);            // throws BlobSizeExceededException at the first extra byte
 *     Descriptor stored = out.commit(); // throws BlobDigestMismatchException if it differs
 * }
 * }</pre>
 *
 * <p>Thread-safe, and safe with other processes using the same root.
 */
public interface BlobStore extends BlobReader {
    /**
     * Whether a committed blob with this digest is in the store.
     *
     * @param digest the blob's digest
     * @return true if it is there
     */
    @Override
    boolean contains(Digest digest);

    /**
     * Returns the size of a committed blob.
     *
     * @param digest the blob's digest
     * @return its size in bytes, or empty if it is not in the store
     */
    OptionalLong size(Digest digest);

    /**
     * Returns the file holding a committed blob, for tools that need a path; callers must only
     * read it.
     *
     * @param digest the blob's digest
     * @return its path, or empty if it is not in the store
     */
    @Override
    Optional<Path> path(Digest digest);

    /**
     * Opens a committed blob for reading.
     *
     * @param digest the blob's digest
     * @return a stream over its bytes; the caller closes it
     * @throws BlobNotFoundException if it is not in the store
     */
    @Override
    InputStream open(Digest digest);

    /**
     * Returns the digests of every committed blob.
     *
     * @return the digests, in no particular order
     */
    Set<Digest> list();

    /**
     * Starts writing a blob whose descriptor is known (from a manifest, say). Writing more than
     * {@code expected.size()} bytes fails at once; {@link BlobWriter#commit()} checks digest and
     * size. To resume an interrupted download, keep the writer open and continue from
     * {@link BlobWriter#written()}.
     *
     * @param expected the blob's descriptor; {@code commit()} returns it
     * @param lease the lease that keeps the blob after commit
     * @return the writer; close it (try-with-resources) to abort if not committed
     * @throws LeaseEndedException if the lease was closed or has expired
     */
    BlobWriter writer(Descriptor expected, Lease lease);

    /**
     * Starts writing a blob whose digest is not known yet; {@link BlobWriter#commit()} computes
     * the SHA-256 digest and size.
     *
     * <pre>{@code
     * try (BlobWriter out = blobs.writer(MediaType.OCI_LAYER_TAR_GZIP, lease)) {
     *     tar.writeTo(out);
     *     layer = out.commit();
     * }
     * }</pre>
     *
     * @param mediaType the media type of the returned descriptor
     * @param lease the lease that keeps the blob after commit
     * @return the writer
     * @throws LeaseEndedException if the lease was closed or has expired
     */
    BlobWriter writer(String mediaType, Lease lease);

    /**
     * Stores a blob held in memory, such as a manifest or config this program authored.
     *
     * @param mediaType its media type
     * @param content its bytes
     * @param lease the lease that keeps it
     * @return its descriptor (SHA-256 digest and size)
     */
    Descriptor write(String mediaType, byte[] content, Lease lease);

    /**
     * Stores everything {@code in} yields, verified against {@code expected}. If the blob is
     * already in the store, the stream is not read at all and the blob is just added to the
     * lease.
     *
     * @param in the content; not closed
     * @param expected the blob's descriptor
     * @param lease the lease that keeps it
     * @return {@code expected}
     * @throws BlobVerificationException if the content does not match; nothing is stored
     * @throws StoreIOException if reading {@code in} or writing fails; nothing is stored
     */
    Descriptor ingest(InputStream in, Descriptor expected, Lease lease);

    /**
     * Stores everything {@code in} yields, computing its SHA-256 digest.
     *
     * @param in the content; not closed
     * @param mediaType the media type of the returned descriptor
     * @param lease the lease that keeps it
     * @return its descriptor
     */
    Descriptor ingest(InputStream in, String mediaType, Lease lease);
}

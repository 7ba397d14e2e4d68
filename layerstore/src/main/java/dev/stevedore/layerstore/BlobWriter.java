package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.DigestAlgorithm;
import dev.stevedore.oci.DigestingOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A blob being written: a sink the registry client or the layer writer streams into. Bytes go
 * to a temp file under {@code .stevedore/ingest/} and through the hash in one pass; nothing is
 * visible in the store until {@link #commit()} has verified them, fsynced the file and renamed
 * it into {@code blobs/}. Closing without committing aborts and deletes the temp file.
 *
 * <pre>{@code
 * try (BlobWriter out = store.blobs().writer(layer, lease)) {
 *     while (true) {
 *         try (InputStream body = registry.fetchBlob(layer, out.written())) { // resume at an offset
 *             body.transferTo(out);
 *             break;
 *         } catch (IOException retry) { ... }
 *     }
 *     out.commit();
 * }
 * }</pre>
 *
 * <p>Errors are unchecked {@link StoreException}s and abort the write: writing past the expected
 * size throws {@link BlobSizeExceededException} before the excess byte is stored. Not
 * thread-safe; use one writer from one thread at a time.
 */
public final class BlobWriter extends OutputStream {
    private static final int BUFFER_SIZE = 128 * 1024;

    /** A last check of the temp file before it becomes visible (docker-archive diff IDs). */
    interface ContentCheck {
        void check(Path file) throws IOException;
    }

    private enum State { OPEN, COMMITTED, ABORTED }

    private final LayoutBlobStore store;
    private final Optional<Descriptor> expected;
    private final String mediaType;
    private final Lease lease;
    private final IngestFile file;
    private final DigestingOutputStream out;
    private long written;
    private State state = State.OPEN;
    private Descriptor committed;

    private BlobWriter(LayoutBlobStore store, Optional<Descriptor> expected, String mediaType, Lease lease,
            IngestFile file) {
        this.store = store;
        this.expected = expected;
        this.mediaType = mediaType;
        this.lease = lease;
        this.file = file;
        DigestAlgorithm algorithm = expected.map(d -> d.digest().algorithm()).orElse(DigestAlgorithm.SHA256);
        this.out = DigestingOutputStream.of(
                new BufferedOutputStream(Channels.newOutputStream(file.channel()), BUFFER_SIZE), algorithm);
    }

    static BlobWriter open(LayoutBlobStore store, Optional<Descriptor> expected, String mediaType, Lease lease,
            IngestFile file) {
        return new BlobWriter(store, expected, mediaType, lease, file);
    }

    /**
     * Returns how many bytes were written so far: where to resume an interrupted download.
     *
     * @return the number of bytes accepted
     */
    public long written() {
        return written;
    }

    /**
     * Returns the descriptor this writer verifies against, if it was given one.
     *
     * @return the expected descriptor, or empty when the digest is computed
     */
    public Optional<Descriptor> expected() {
        return expected;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkOpen();
        if (expected.isPresent() && written + length > expected.get().size()) {
            Descriptor e = expected.get();
            abort();
            throw new BlobSizeExceededException(e.digest(), e.size(), written + length);
        }
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            abort();
            throw new StoreIOException("write blob " + describe(), file.path(), e);
        }
        written += length;
    }

    /** Pushes buffered bytes to the temp file (not to the disk; {@link #commit()} does that). */
    @Override
    public void flush() {
        checkOpen();
        try {
            out.flush();
        } catch (IOException e) {
            abort();
            throw new StoreIOException("write blob " + describe(), file.path(), e);
        }
    }

    /**
     * Verifies the content and makes the blob visible: checks size and digest against the
     * expected descriptor, fsyncs the temp file, renames it into {@code blobs/} and fsyncs the
     * directory, and records the digest in the lease, all under the store lock. If the blob is
     * already in the store, the temp file is dropped instead.
     *
     * @return the expected descriptor, or one with the computed digest and size
     * @throws BlobSizeMismatchException if fewer bytes than expected were written
     * @throws BlobDigestMismatchException if the bytes have another digest
     * @throws LeaseEndedException if the lease was closed or has expired meanwhile
     * @throws IllegalStateException if the writer was already committed or aborted
     */
    public Descriptor commit() {
        return commit(path -> { });
    }

    /** {@link #commit()} with a last check of the verified temp file before it becomes visible. */
    Descriptor commit(ContentCheck check) {
        checkOpen();
        try {
            out.flush();
            Digest actual = out.digest();
            if (expected.isPresent()) {
                Descriptor e = expected.get();
                if (written != e.size()) {
                    throw new BlobSizeMismatchException(e.digest(), e.size(), written);
                }
                if (!actual.equals(e.digest())) {
                    throw new BlobDigestMismatchException(e.digest(), actual);
                }
            }
            file.channel().force(true);
            check.check(file.path());
            Descriptor result = expected.orElseGet(() -> Descriptor.of(mediaType, actual, written));
            store.commit(file, result.digest(), lease);
            committed = result;
            state = State.COMMITTED;
            file.close();
            return result;
        } catch (IOException e) {
            abort();
            throw new StoreIOException("commit blob " + describe(), file.path(), e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Abandons the write and deletes the temp file. Harmless after commit or a second time. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        file.close();
    }

    /** Aborts unless committed; see {@link #abort()}. */
    @Override
    public void close() {
        abort();
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("blob writer for " + describe() + " is "
                    + (state == State.COMMITTED ? "committed as " + committed.digest() : "aborted"));
        }
    }

    private String describe() {
        return expected.map(d -> d.digest().toString()).orElse("(" + mediaType + ", digest not yet known)");
    }

    @Override
    public String toString() {
        return "BlobWriter[" + describe() + ", " + written + " bytes, " + state.name().toLowerCase(java.util.Locale.ROOT)
                + "]";
    }
}

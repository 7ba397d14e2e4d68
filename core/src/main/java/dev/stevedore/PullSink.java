package dev.stevedore;

import dev.stevedore.layerstore.BlobStore;
import dev.stevedore.layerstore.BlobWriter;
import dev.stevedore.layerstore.Lease;
import dev.stevedore.layerstore.StoreException;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.registry.BlobSink;
import dev.stevedore.registry.BlobTarget;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalLong;

/**
 * The registry client's sink, backed by the store under the pull's lease: every blob is
 * verified by the store as it commits, and blobs already there are added to the lease so that
 * GC cannot take them before the ref is set.
 */
final class PullSink implements BlobSink {
    private final BlobStore blobs;
    private final Lease lease;

    PullSink(BlobStore blobs, Lease lease) {
        this.blobs = blobs;
        this.lease = lease;
    }

    @Override
    public boolean contains(Digest digest) {
        OptionalLong size = blobs.size(digest);
        if (size.isEmpty()) {
            return false;
        }
        try {
            // Already there: the stream is not read, the blob just joins the lease.
            blobs.ingest(InputStream.nullInputStream(), Descriptor.of("application/octet-stream", digest,
                    size.getAsLong()), lease);
            return true;
        } catch (StoreException e) {
            return false; // collected meanwhile: download it
        }
    }

    @Override
    public BlobTarget open(Descriptor expected) {
        BlobWriter writer = blobs.writer(expected, lease);
        return new BlobTarget() {
            @Override
            public OutputStream stream() {
                return writer;
            }

            @Override
            public long written() {
                return writer.written();
            }

            @Override
            public void commit() {
                writer.commit();
            }

            @Override
            public void abort() {
                writer.abort();
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }
}

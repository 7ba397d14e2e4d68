package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.DigestAlgorithm;
import dev.stevedore.oci.InvalidDigestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The blobs of an OCI image layout on disk; see {@link BlobStore}. */
final class LayoutBlobStore implements BlobStore {
    private static final int COPY_BUFFER = 128 * 1024;

    private final StorePaths paths;
    private final OpenRoot root;
    private final StoreLock lock;
    private final LeaseRecords leases;

    LayoutBlobStore(StorePaths paths, OpenRoot root, LeaseRecords leases) {
        this.paths = paths;
        this.root = root;
        this.lock = root.lock();
        this.leases = leases;
    }

    @Override
    public boolean contains(Digest digest) {
        return Files.isRegularFile(paths.blob(digest));
    }

    @Override
    public OptionalLong size(Digest digest) {
        try {
            return OptionalLong.of(Files.size(paths.blob(digest)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new StoreIOException("read the size of blob " + digest, paths.blob(digest), e);
        }
    }

    @Override
    public Optional<Path> path(Digest digest) {
        Path file = paths.blob(digest);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public InputStream open(Digest digest) {
        Path file = paths.blob(digest);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest, "the store at " + paths.root());
        } catch (IOException e) {
            throw new StoreIOException("open blob " + digest, file, e);
        }
    }

    /** Reads a whole blob that must not be larger than {@code limit} bytes (manifests, configs). */
    byte[] readAll(Digest digest, long limit) {
        long size = size(digest).orElseThrow(() -> new BlobNotFoundException(digest, "the store at " + paths.root()));
        if (size > limit) {
            throw new StoreException("blob " + digest + " is " + size + " bytes, more than the " + limit
                    + " expected of a manifest or config");
        }
        try (InputStream in = open(digest)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StoreIOException("read blob " + digest, paths.blob(digest), e);
        }
    }

    @Override
    public Set<Digest> list() {
        Set<Digest> digests = new HashSet<>();
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            Path dir = paths.blobs().resolve(algorithm.id());
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    parse(algorithm, file.getFileName().toString()).ifPresent(digests::add);
                }
            } catch (NoSuchFileException e) {
                // no blobs of this algorithm
            } catch (IOException e) {
                throw new StoreIOException("list the blobs", dir, e);
            }
        }
        return digests;
    }

    /** The digest a file in {@code blobs/<alg>/} stands for, if its name is one. */
    static Optional<Digest> parse(DigestAlgorithm algorithm, String name) {
        try {
            return Optional.of(new Digest(algorithm, name));
        } catch (InvalidDigestException e) {
            return Optional.empty();
        }
    }

    @Override
    public BlobWriter writer(Descriptor expected, Lease lease) {
        Objects.requireNonNull(expected, "expected");
        leases.checkUsable(lease);
        return BlobWriter.open(this, Optional.of(expected), expected.mediaType(), lease,
                IngestFile.create(paths, root, expected.digest().encoded()));
    }

    @Override
    public BlobWriter writer(String mediaType, Lease lease) {
        Objects.requireNonNull(mediaType, "mediaType");
        leases.checkUsable(lease);
        return BlobWriter.open(this, Optional.empty(), mediaType, lease, IngestFile.create(paths, root, "new"));
    }

    @Override
    public Descriptor write(String mediaType, byte[] content, Lease lease) {
        return ingest(new ByteArrayInputStream(content), Descriptor.ofContent(mediaType, content), lease);
    }

    @Override
    public Descriptor ingest(InputStream in, Descriptor expected, Lease lease) {
        Objects.requireNonNull(in, "in");
        if (adopt(expected.digest(), lease)) {
            long size = size(expected.digest()).orElse(expected.size());
            if (size != expected.size()) {
                // Same digest, other size: the descriptor is wrong, not the blob.
                throw new BlobSizeMismatchException(expected.digest(), expected.size(), size);
            }
            return expected;
        }
        try (BlobWriter out = writer(expected, lease)) {
            copy(in, out);
            return out.commit();
        }
    }

    @Override
    public Descriptor ingest(InputStream in, String mediaType, Lease lease) {
        Objects.requireNonNull(in, "in");
        try (BlobWriter out = writer(mediaType, lease)) {
            copy(in, out);
            return out.commit();
        }
    }

    /**
     * Adds a blob that is already in the store to a lease, under the store lock, so it cannot
     * be collected between this check and the caller's next step.
     *
     * @return whether the blob is in the store (and now leased)
     */
    boolean adopt(Digest digest, Lease lease) {
        leases.checkUsable(lease);
        return lock.locked(() -> {
            if (!contains(digest)) {
                return false;
            }
            leases.addBlob(lease, digest);
            return true;
        });
    }

    private static void copy(InputStream in, BlobWriter out) {
        byte[] buffer = new byte[COPY_BUFFER];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            out.abort();
            throw new StoreException("Tried to read the content of " + out + " but failed because: " + e, e);
        }
    }

    /**
     * Makes a verified, fsynced temp file visible as {@code digest}, unless that blob exists
     * already, and adds the digest to the lease; all under the store lock, so GC sees either
     * neither or both.
     */
    void commit(IngestFile file, Digest digest, Lease lease) {
        lock.locked(() -> {
            leases.addBlob(lease, digest);
            Path target = paths.blob(digest);
            if (Files.exists(target)) {
                return;
            }
            try {
                Files.createDirectories(target.getParent());
                file.moveTo(target);
                DurableFiles.fsyncDirectory(target.getParent());
            } catch (IOException e) {
                throw new StoreIOException("rename blob " + digest + " into place", target, e);
            }
        });
    }

    /** Deletes a blob; GC and fsck repair only, under the store lock. */
    long delete(Digest digest) {
        Path file = paths.blob(digest);
        try {
            long size = Files.size(file);
            Files.delete(file);
            return size;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new StoreIOException("delete blob " + digest, file, e);
        }
    }

    StorePaths paths() {
        return paths;
    }
}

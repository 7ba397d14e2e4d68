package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BlobReader} over a directory of files named by their SHA-256 hex, until the blob
 * store is wired in. Counts opens; can make every stream stall after some bytes, calling a hook
 * (the crash and two-JVM tests hold an unpack there).
 */
final class SnapshotTestBlobReader implements BlobReader {
    private final Path dir;
    private final AtomicInteger opens = new AtomicInteger();
    private volatile long stallAfter = -1;
    private volatile Runnable onStall = () -> { };

    SnapshotTestBlobReader(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a layer blob. @return its descriptor (gzip media type) */
    Descriptor add(byte[] blob) {
        Digest digest = Digest.of(blob);
        try {
            Files.write(dir.resolve(digest.encoded()), blob);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, digest, blob.length);
    }

    /** Every stream opened from now on calls {@code hook} once it has handed out {@code bytes} bytes. */
    void stallAfter(long bytes, Runnable hook) {
        this.onStall = hook;
        this.stallAfter = bytes;
    }

    int opens() {
        return opens.get();
    }

    @Override
    public boolean contains(Digest digest) {
        return Files.isRegularFile(dir.resolve(digest.encoded()));
    }

    @Override
    public Optional<Path> path(Digest digest) {
        return contains(digest) ? Optional.of(dir.resolve(digest.encoded())) : Optional.empty();
    }

    @Override
    public InputStream open(Digest digest) {
        if (!contains(digest)) {
            throw new StoreException("Tried to open blob " + digest + " but failed because it is not in " + dir);
        }
        opens.incrementAndGet();
        try {
            InputStream in = Files.newInputStream(dir.resolve(digest.encoded()));
            long limit = stallAfter;
            return limit < 0 ? in : new Stalling(in, limit, onStall);
        } catch (IOException e) {
            throw new StoreException("Tried to open blob " + digest + " but failed because: " + e, e);
        }
    }

    private static final class Stalling extends FilterInputStream {
        private long left;
        private final Runnable hook;

        Stalling(InputStream in, long left, Runnable hook) {
            super(in);
            this.left = left;
            this.hook = hook;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                left = -1;
                hook.run();
            }
            int n = super.read(b, off, left > 0 ? (int) Math.min(len, left) : len);
            if (n > 0 && left > 0) {
                left -= n;
            }
            return n;
        }
    }
}

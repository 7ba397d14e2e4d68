package dev.stevedore.bench;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.registry.BlobSink;
import dev.stevedore.registry.BlobTarget;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BlobSink} that writes blobs into an OCI layout's {@code blobs/} directory the way
 * skopeo's {@code oci:} destination does: a temp file in the layout, then a rename; with
 * {@code fsync} before the rename when asked (skopeo syncs, see the script).
 */
final class LayoutFileSink implements BlobSink {
    private static final AtomicInteger TEMPS = new AtomicInteger();
    private final Path layout;
    private final boolean sync;

    LayoutFileSink(Path layout, boolean sync) {
        this.layout = layout;
        this.sync = sync;
    }

    @Override
    public boolean contains(Digest digest) {
        return Files.exists(blob(digest));
    }

    Path blob(Digest digest) {
        return layout.resolve("blobs").resolve(digest.blobPath());
    }

    @Override
    public BlobTarget open(Descriptor expected) {
        try {
            Path dir = Files.createDirectories(blob(expected.digest()).getParent());
            Path temp = dir.resolve(".tmp-" + TEMPS.incrementAndGet());
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
            return new FileTarget(temp, blob(expected.digest()), channel, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class FileTarget implements BlobTarget {
        private final Path temp;
        private final Path target;
        private final FileChannel channel;
        private final CountingStream out;
        private boolean done;

        FileTarget(Path temp, Path target, FileChannel channel, OutputStream out) {
            this.temp = temp;
            this.target = target;
            this.channel = channel;
            this.out = new CountingStream(out);
        }

        @Override
        public OutputStream stream() {
            return out;
        }

        @Override
        public long written() {
            return out.count;
        }

        @Override
        public void commit() {
            try {
                out.flush();
                if (sync) {
                    channel.force(false);
                }
                channel.close();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                done = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void abort() {
            done = true;
            try {
                channel.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (!done) {
                abort();
            }
        }
    }

    /** Counts bytes written, for {@link BlobTarget#written()}. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            count += length;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}

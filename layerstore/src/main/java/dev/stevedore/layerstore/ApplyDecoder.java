package dev.stevedore.layerstore;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.stevedore.oci.Digest;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PushbackInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.GZIPInputStream;

/**
 * The uncompressed bytes of a layer, produced on a helper thread: it reads the source, tells
 * gzip, zstd and plain tar apart by their magic bytes and decompresses into large chunks, while
 * the caller's thread parses and writes them. The helper lives exactly as long as this object:
 * {@link #close()} stops and joins it.
 *
 * <p>The diff ID (SHA-256 of every uncompressed byte) is computed by whichever thread has time:
 * chunks are hashed in order, each before its buffer is reused; the consumer hashes a chunk
 * when it is done with it, unless the producer, finding no free buffer (the consumer is the
 * slower one), has hashed it while waiting. So neither side idles while the other hashes.
 *
 * <p>The consumer side ({@link #fill()}, {@link #read}, {@link #skip}, {@link #finish()}) is
 * for one thread only.
 */
final class ApplyDecoder implements AutoCloseable {
    private static final int CHUNK_SIZE = 1 << 20;
    private static final int CHUNKS = 12;
    private static final int SOURCE_BUFFER = 1 << 17;
    private static final int MAGIC = 6;
    private static final byte[] NONE = new byte[0];

    /** Thrown by the consumer side when the uncompressed stream passes {@code maxTotalSize}. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("the uncompressed layer is larger than " + limit + " bytes");
        }
    }

    /** A piece of the stream ({@code length > 0}), or its end, or the failure that ended it. */
    private record Chunk(byte[] data, int length, IOException failure) {}

    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final InputStream source;
    private final long maxTotalSize;
    private final Thread thread;
    private volatile boolean stopping;

    /** Guards {@link #hash} and {@link #unhashed}: chunks produced but not yet hashed, in order. */
    private final Object hashLock = new Object();
    private final MessageDigest hash = sha256();
    private final ArrayDeque<Chunk> unhashed = new ArrayDeque<>(CHUNKS);

    private Chunk current = new Chunk(NONE, 0, null);
    private int position;
    private boolean ended;
    private long consumed;
    private IOException failure;

    private ApplyDecoder(InputStream source, long maxTotalSize, String name) {
        this.source = source;
        this.maxTotalSize = maxTotalSize;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_SIZE]);
        }
        this.thread = new Thread(this::produce, name);
        thread.setDaemon(true);
    }

    /**
     * Starts decoding.
     *
     * @param source the layer blob, compressed or not; read to its end but not closed
     * @param maxTotalSize the most uncompressed bytes accepted
     * @param name the helper thread's name
     * @return the running decoder
     */
    static ApplyDecoder start(InputStream source, long maxTotalSize, String name) {
        ApplyDecoder decoder = new ApplyDecoder(Objects.requireNonNull(source, "source"), maxTotalSize, name);
        decoder.thread.start();
        return decoder;
    }

    // ---- consumer side -------------------------------------------------------------------

    /**
     * Makes at least one byte available in {@link #buffer()} from {@link #position()} to
     * {@link #limit()}, waiting for the next chunk if needed.
     *
     * @return false at the end of the stream
     * @throws IOException if decoding failed or the stream is too large
     */
    boolean fill() throws IOException {
        if (position < current.length) {
            return true;
        }
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return false;
        }
        if (current.length > 0) {
            hashThrough(current);
            free.add(current.data);
            current = new Chunk(NONE, 0, null);
            position = 0;
        }
        Chunk next;
        try {
            next = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for layer data");
        }
        if (next.failure != null) {
            failure = next.failure;
            throw failure;
        }
        if (next.length == 0) {
            ended = true;
            return false;
        }
        current = next;
        consumed += next.length;
        return true;
    }

    /** @return the current chunk, valid from {@link #position()} to {@link #limit()} after {@link #fill()} */
    byte[] buffer() {
        return current.data;
    }

    /** @return the index of the next unread byte of {@link #buffer()} */
    int position() {
        return position;
    }

    /** @return the end of the valid bytes of {@link #buffer()} */
    int limit() {
        return current.length;
    }

    /** @param n how many of the available bytes were used */
    void advance(int n) {
        position += n;
    }

    /**
     * Reads up to {@code length} bytes, fewer only at the end of the stream.
     *
     * @return how many were read
     * @throws IOException if decoding failed
     */
    int read(byte[] target, int offset, int length) throws IOException {
        int done = 0;
        while (done < length && fill()) {
            int n = Math.min(length - done, current.length - position);
            System.arraycopy(current.data, position, target, offset + done, n);
            position += n;
            done += n;
        }
        return done;
    }

    /**
     * Skips up to {@code count} bytes, fewer only at the end of the stream.
     *
     * @return how many were skipped
     * @throws IOException if decoding failed
     */
    long skip(long count) throws IOException {
        long done = 0;
        while (done < count && fill()) {
            int n = (int) Math.min(count - done, current.length - position);
            position += n;
            done += n;
        }
        return done;
    }

    /**
     * Reads the rest of the stream (what follows a tar's end marker counts for the diff ID too).
     *
     * @return the SHA-256 of all uncompressed bytes
     * @throws IOException if decoding failed
     */
    Digest finish() throws IOException {
        while (fill()) {
            position = current.length;
        }
        synchronized (hashLock) {
            return Digest.sha256(HexFormat.of().formatHex(hash.digest()));
        }
    }

    /** @return how many uncompressed bytes the consumer has been handed so far */
    long consumed() {
        return consumed;
    }

    /** Stops the helper thread (if still running) and waits for it; the source stays open. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- hashing, by either side -----------------------------------------------------------

    /** Hashes every produced chunk up to and including {@code chunk}. */
    private void hashThrough(Chunk chunk) {
        synchronized (hashLock) {
            while (!unhashed.isEmpty()) {
                Chunk next = unhashed.poll();
                hash.update(next.data, 0, next.length);
                if (next == chunk) {
                    return;
                }
            }
        }
    }

    /** Hashes the oldest produced chunk not hashed yet. @return false if there was none */
    private boolean hashOne() {
        synchronized (hashLock) {
            Chunk next = unhashed.poll();
            if (next == null) {
                return false;
            }
            hash.update(next.data, 0, next.length);
            return true;
        }
    }

    // ---- producer side -------------------------------------------------------------------

    private void produce() {
        Chunk last;
        try {
            last = decode();
        } catch (IOException e) {
            last = new Chunk(NONE, 0, e);
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException | Error e) {
            last = new Chunk(NONE, 0, new IOException("decoding failed: " + e, e));
        }
        try {
            full.put(last);
        } catch (InterruptedException e) {
            // the consumer is gone
        }
    }

    private Chunk decode() throws IOException, InterruptedException {
        try (InputStream in = decompressing(new PushbackInputStream(new Unclosable(source), MAGIC))) {
            long total = 0;
            while (!stopping) {
                byte[] data = free.poll();
                while (data == null && hashOne()) {
                    data = free.poll(); // the consumer is behind: hash for it while waiting
                }
                if (data == null) {
                    data = free.take();
                }
                int n = readFully(in, data);
                total += n;
                if (total > maxTotalSize) {
                    throw new TooLargeException(maxTotalSize);
                }
                if (n > 0) {
                    Chunk chunk = new Chunk(data, n, null);
                    synchronized (hashLock) {
                        unhashed.add(chunk);
                    }
                    full.put(chunk);
                }
                if (n < data.length) {
                    return new Chunk(NONE, 0, null);
                }
            }
            throw new InterruptedException();
        }
    }

    private static int readFully(InputStream in, byte[] chunk) throws IOException {
        int done = 0;
        while (done < chunk.length) {
            int n = in.read(chunk, done, chunk.length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private static InputStream decompressing(PushbackInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC];
        int n = readFully(in, magic);
        in.unread(magic, 0, n);
        if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in, SOURCE_BUFFER);
        }
        if (n >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return new ZstdInputStreamNoFinalizer(new BufferedInputStream(in, SOURCE_BUFFER));
        }
        if (n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
            throw new IOException("the layer is bzip2-compressed; OCI layers are gzip, zstd or plain tar");
        }
        if (n >= 6 && (magic[0] & 0xff) == 0xfd && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X'
                && magic[4] == 'Z' && magic[5] == 0) {
            throw new IOException("the layer is xz-compressed; OCI layers are gzip, zstd or plain tar");
        }
        return new BufferedInputStream(in, SOURCE_BUFFER);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Keeps the decompressor's close from closing the caller's stream. */
    private static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            // the caller owns the source
        }
    }
}

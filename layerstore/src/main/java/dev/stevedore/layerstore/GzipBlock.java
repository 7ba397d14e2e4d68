package dev.stevedore.layerstore;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * One slot of the parallel gzip pipeline: a buffer holding a 32 KiB dictionary followed by
 * one 128 KiB block of the tar, its own {@link Deflater}, and the compressed bytes of that
 * block once a worker has made them.
 *
 * <p>What a block compresses to depends only on its bytes, the 32 KiB before it, the level
 * and whether it is the last: the deflater is reset, primed with the previous block's last
 * 32 KiB as preset dictionary, fed the block and flushed with {@code SYNC_FLUSH} (so the
 * output ends on a byte boundary with no final-block bit) or, for the last block, finished.
 * A block {@link GzipIncompressible} rejects (and every block at level 0) is written as stored
 * deflate blocks instead. Concatenated in order, the blocks' outputs form one deflate stream.
 *
 * <p>A slot is handed from the producing thread to one worker and back; its state machine
 * ({@code queued -> running -> done}, or {@code queued -> idle} when withdrawn) lets exactly
 * one thread compress it (a worker, or the producer helping while it waits), and lets a
 * failing write withdraw blocks that nobody started and wait for those that run.
 */
final class GzipBlock implements Runnable {
    static final int DICTIONARY = 32 * 1024;
    static final int BLOCK = 128 * 1024;

    private static final int IDLE = 0;
    private static final int QUEUED = 1;
    private static final int RUNNING = 2;
    private static final int DONE = 3;
    private static final int STORED_MAX = 65535;

    final byte[] input = new byte[DICTIONARY + BLOCK];
    private final int level;
    private final Deflater deflater;
    private final GzipIncompressible incompressible = new GzipIncompressible();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private byte[] output = new byte[BLOCK + 1024];
    private int outputLength;
    private int length;
    private boolean hasDictionary;
    private boolean last;
    private Throwable failure;
    private CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    GzipBlock(int level) {
        this.level = level;
        this.deflater = new Deflater(level, true);
    }

    /** Makes the slot ready for a worker: the block holds {@code length} bytes after the dictionary. */
    void prepare(int blockLength, boolean withDictionary, boolean isLast) {
        this.length = blockLength;
        this.hasDictionary = withDictionary;
        this.last = isLast;
        this.failure = null;
        this.outputLength = 0;
        this.done = new CompletableFuture<>();
        state.set(QUEUED);
    }

    @Override
    public void run() {
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return;
        }
        try {
            compress();
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            state.set(DONE);
            done.complete(null);
        }
    }

    /** Withdraws a queued block that no worker has started; true if it will not run. */
    boolean cancel() {
        if (state.compareAndSet(QUEUED, IDLE)) {
            done.complete(null);
            return true;
        }
        return false;
    }

    /** Whether the block waits for a thread: {@link #run()} would compress it. */
    boolean isQueued() {
        return state.get() == QUEUED;
    }

    /** Completes when the block is compressed, failed, or was withdrawn. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** The failure of the last run, if any. */
    Throwable failure() {
        return failure;
    }

    byte[] output() {
        return output;
    }

    int outputLength() {
        return outputLength;
    }

    /** Frees the deflater's native memory; the slot must be idle or done. */
    void end() {
        deflater.end();
    }

    private void compress() {
        int dictionaryStart = hasDictionary ? 0 : DICTIONARY;
        if (level == 0 || incompressible.test(input, dictionaryStart, DICTIONARY, DICTIONARY + length)) {
            stored();
        } else {
            deflated();
        }
    }

    private void deflated() {
        deflater.reset();
        if (hasDictionary) {
            deflater.setDictionary(input, 0, DICTIONARY);
        }
        deflater.setInput(input, DICTIONARY, length);
        int n = 0;
        if (last) {
            deflater.finish();
            while (!deflater.finished()) {
                if (n == output.length) {
                    output = Arrays.copyOf(output, output.length * 2);
                }
                n += deflater.deflate(output, n, output.length - n, Deflater.NO_FLUSH);
            }
        } else {
            while (true) {
                if (n == output.length) {
                    output = Arrays.copyOf(output, output.length * 2);
                }
                int space = output.length - n;
                int written = deflater.deflate(output, n, space, Deflater.SYNC_FLUSH);
                n += written;
                if (written < space) {
                    break; // everything flushed: zlib filled less than the room it had
                }
            }
        }
        outputLength = n;
    }

    /** The block as stored deflate blocks (type 00) of up to 65535 bytes, byte-aligned. */
    private void stored() {
        int chunks = Math.max(1, (length + STORED_MAX - 1) / STORED_MAX);
        int needed = length + 5 * chunks;
        if (output.length < needed) {
            output = new byte[needed];
        }
        int n = 0;
        int from = DICTIONARY;
        int left = length;
        do {
            int chunk = Math.min(left, STORED_MAX);
            left -= chunk;
            output[n++] = (byte) (last && left == 0 ? 1 : 0); // BFINAL, BTYPE 00, padding to the byte
            output[n++] = (byte) chunk;
            output[n++] = (byte) (chunk >>> 8);
            output[n++] = (byte) ~chunk;
            output[n++] = (byte) (~chunk >>> 8);
            System.arraycopy(input, from, output, n, chunk);
            n += chunk;
            from += chunk;
        } while (left > 0);
        outputLength = n;
    }
}

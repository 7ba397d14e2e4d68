package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import dev.stevedore.oci.DigestingOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.CRC32;

/**
 * Gzip on every core, with output that does not depend on how many: the tar is cut into
 * fixed 128 KiB blocks, each compressed on its own ({@link GzipBlock}) with the previous
 * block's last 32 KiB as dictionary, and the results written in order between one gzip header
 * and one trailer. The producing thread keeps the CRC-32 of the whole input (the JDK's is
 * vectorised), writes the finished blocks in order and hashes them (digest of the blob) while
 * workers deflate the following blocks; at most {@code 2 * parallelism + 2} blocks wait or run
 * at a time. When it has to wait for the oldest block, the producing thread compresses queued
 * blocks itself instead of sleeping.
 *
 * <p>The header is fixed: no name, no comment, mtime 0, XFL 2 for level 9, 4 for level 1, else
 * 0, and OS 255 ("unknown", as Go's {@code compress/gzip} writes, so the host's OS never leaks
 * in). The trailer holds the CRC-32 and the input size modulo 2^32.
 */
final class ParallelGzipSink implements TarBlockSink {
    private static final int OS_UNKNOWN = 255;

    private final DigestingOutputStream out;
    private final int level;
    private final Executor executor;
    private final int inFlightLimit;
    private final List<GzipBlock> slots = new ArrayList<>();
    private final ArrayDeque<GzipBlock> inFlight = new ArrayDeque<>();
    private final ArrayDeque<GzipBlock> idle = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private GzipBlock filling;
    private long inputSize;
    private boolean first = true;

    /**
     * Starts the gzip stream.
     *
     * @param out the caller's stream (never closed here)
     * @param level 0 to 9
     * @param executor where blocks are compressed; {@code null} to compress on the calling thread
     * @param parallelism how many blocks may be compressed at once
     */
    ParallelGzipSink(OutputStream out, int level, Executor executor, int parallelism) throws IOException {
        this.out = DigestingOutputStream.of(out);
        this.level = level;
        this.executor = executor;
        this.inFlightLimit = executor == null ? 0 : 2 * parallelism + 2;
        int xfl = level == 9 ? 2 : level == 1 ? 4 : 0;
        this.out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, (byte) OS_UNKNOWN});
    }

    @Override
    public int blockSize() {
        return GzipBlock.BLOCK;
    }

    @Override
    public int blockOffset() {
        return GzipBlock.DICTIONARY;
    }

    @Override
    public byte[] firstBuffer() {
        filling = newSlot();
        return filling.input;
    }

    @Override
    public byte[] accept(byte[] buffer, int length, boolean last) throws IOException {
        GzipBlock block = filling;
        if (block == null || block.input != buffer) {
            throw new IllegalStateException("not the buffer this sink handed out");
        }
        filling = null;
        crc.update(buffer, GzipBlock.DICTIONARY, length);
        inputSize += length;
        block.prepare(length, !first, last);
        first = false;
        if (executor == null) {
            block.run();
            write(block);
        } else {
            submit(block);
            drainFinished();
        }
        if (last) {
            return null;
        }
        GzipBlock next = idle.poll();
        if (next == null) {
            if (slots.size() <= inFlightLimit) {
                next = newSlot();
            } else {
                writeOldest();
                next = idle.remove();
            }
        }
        // The next block's dictionary: this block's last 32 KiB (it is full, not being the last).
        System.arraycopy(buffer, GzipBlock.DICTIONARY + GzipBlock.BLOCK - GzipBlock.DICTIONARY, next.input, 0,
                GzipBlock.DICTIONARY);
        filling = next;
        return next.input;
    }

    @Override
    public Written finish(Digest diffId) throws IOException {
        while (!inFlight.isEmpty()) {
            writeOldest();
        }
        long crcValue = crc.getValue();
        byte[] trailer = new byte[8];
        for (int i = 0; i < 4; i++) {
            trailer[i] = (byte) (crcValue >>> (8 * i));
            trailer[4 + i] = (byte) (inputSize >>> (8 * i));
        }
        out.write(trailer);
        out.flush();
        return new Written(out.digest(), out.size());
    }

    @Override
    public void close() {
        // Withdraw what no worker started; wait for what runs (a block takes milliseconds).
        for (GzipBlock block : inFlight) {
            block.cancel();
        }
        boolean interrupted = false;
        for (GzipBlock block : inFlight) {
            while (true) {
                try {
                    block.done().get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
        }
        inFlight.clear();
        for (GzipBlock slot : slots) {
            slot.end();
        }
        slots.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private GzipBlock newSlot() {
        GzipBlock slot = new GzipBlock(level);
        slots.add(slot);
        return slot;
    }

    private void submit(GzipBlock block) throws IOException {
        inFlight.add(block);
        try {
            executor.execute(block);
        } catch (RejectedExecutionException e) {
            inFlight.removeLast();
            throw new IOException("the executor refused a compression task: " + e, e);
        }
    }

    private void drainFinished() throws IOException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().done().isDone()) {
            writeOldest();
        }
    }

    /**
     * Writes the oldest block, compressing queued blocks on this thread while it is not done
     * (rather than sleeping while the workers are busy or the executor is shared).
     */
    private void writeOldest() throws IOException {
        GzipBlock block = inFlight.peekFirst();
        while (!block.done().isDone()) {
            GzipBlock queued = firstQueued();
            if (queued == null) {
                break;
            }
            queued.run(); // a no-op if a worker started it first
        }
        try {
            block.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a compressed block");
        } catch (ExecutionException e) {
            throw new IOException("compressing a block failed: " + e.getCause(), e.getCause());
        }
        inFlight.removeFirst();
        write(block);
    }

    private GzipBlock firstQueued() {
        for (GzipBlock block : inFlight) {
            if (block.isQueued()) {
                return block;
            }
        }
        return null;
    }

    private void write(GzipBlock block) throws IOException {
        if (block.failure() != null) {
            throw new IOException("compressing a block failed: " + block.failure(), block.failure());
        }
        out.write(block.output(), 0, block.outputLength());
        idle.add(block);
    }
}

package dev.stevedore.layerstore;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.DigestingOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Zstandard through zstd-jni in its multi-threaded mode ({@code nbWorkers >= 1}), one frame
 * with a content checksum (as the {@code zstd} command writes by default).
 *
 * <p>Multi-threaded streaming zstd cuts the input into jobs whose size depends only on the
 * compression parameters, never on the number of workers, so its output is the same for 1 or
 * 64 workers (it differs from single-threaded mode, which is therefore never used: even one
 * thread means one worker). The workers are zstd's own native threads, created for this write
 * and joined when the stream is closed; the caller's executor is not used. The tar goes in
 * in fixed 128 KiB pieces and the stream is flushed only at the end.
 */
final class ZstdSink implements TarBlockSink {
    private static final int BLOCK = 128 * 1024;

    private final DigestingOutputStream out;
    private final ZstdOutputStreamNoFinalizer zstd;
    private boolean closed;

    /**
     * Starts the frame.
     *
     * @param out the caller's stream (never closed here)
     * @param level the zstd level
     * @param workers the number of worker threads, at least 1
     */
    ZstdSink(OutputStream out, int level, int workers) throws IOException {
        this.out = DigestingOutputStream.of(out);
        ZstdOutputStreamNoFinalizer stream = new ZstdOutputStreamNoFinalizer(this.out, level);
        try {
            stream.setChecksum(true);
            stream.setWorkers(Math.max(1, workers));
        } catch (IOException | RuntimeException e) {
            stream.closeWithoutClosingParentStream();
            throw e;
        }
        this.zstd = stream;
    }

    @Override
    public int blockSize() {
        return BLOCK;
    }

    @Override
    public int blockOffset() {
        return 0;
    }

    @Override
    public byte[] firstBuffer() {
        return new byte[BLOCK];
    }

    @Override
    public byte[] accept(byte[] buffer, int length, boolean last) throws IOException {
        zstd.write(buffer, 0, length);
        return last ? null : buffer;
    }

    @Override
    public Written finish(Digest diffId) throws IOException {
        closed = true;
        zstd.closeWithoutClosingParentStream();
        out.flush();
        return new Written(out.digest(), out.size());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                zstd.closeWithoutClosingParentStream();
            } catch (IOException | RuntimeException e) {
                // the write already failed; this only frees the native context
            }
        }
    }
}

package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.io.IOException;

/**
 * Where a {@link TarStream} sends the tar, in fixed-size blocks: the compressor and the
 * output. The stream fills a buffer the sink handed out, from {@link #blockOffset()} for
 * {@link #blockSize()} bytes, then passes it back with {@link #accept}; the sink owns it from
 * then on and hands out the next one. Used by one thread; the sink may use others inside.
 */
interface TarBlockSink extends AutoCloseable {
    /** The number of tar bytes per block; every block but the last is full. */
    int blockSize();

    /** Where in each buffer the block's bytes start (space before it is the sink's). */
    int blockOffset();

    /** The first buffer to fill. */
    byte[] firstBuffer();

    /**
     * Takes a filled block.
     *
     * @param buffer the buffer, holding the block at {@link #blockOffset()}
     * @param length how many bytes the block holds; {@link #blockSize()} unless last
     * @param last whether this is the tar's last block
     * @return the buffer to fill next; {@code null} after the last block
     * @throws IOException if writing the output fails
     */
    byte[] accept(byte[] buffer, int length, boolean last) throws IOException;

    /**
     * Completes the output after the last block.
     *
     * @param diffId the digest of the tar, which is also the output's when nothing compresses it
     * @return digest and size of the bytes written
     * @throws IOException if writing the output fails
     */
    Written finish(Digest diffId) throws IOException;

    /** Releases threads and native memory, also after a failure; never closes the caller's stream. */
    @Override
    void close();

    /**
     * Digest and size of the bytes written to the output.
     *
     * @param digest their SHA-256
     * @param size their number
     */
    record Written(Digest digest, long size) {}
}

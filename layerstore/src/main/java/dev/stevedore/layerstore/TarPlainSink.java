package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;

/** An uncompressed layer: the tar goes to the output as it is; its digest is the diff ID. */
final class TarPlainSink implements TarBlockSink {
    private static final int BLOCK = 256 * 1024;

    private final OutputStream out;
    private byte[] buffer = new byte[BLOCK];
    private long size;

    TarPlainSink(OutputStream out) {
        this.out = out;
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
        return buffer;
    }

    @Override
    public byte[] accept(byte[] block, int length, boolean last) throws IOException {
        out.write(block, 0, length);
        size += length;
        return last ? null : block;
    }

    @Override
    public Written finish(Digest diffId) throws IOException {
        out.flush();
        return new Written(diffId, size);
    }

    @Override
    public void close() {
        buffer = null;
    }
}

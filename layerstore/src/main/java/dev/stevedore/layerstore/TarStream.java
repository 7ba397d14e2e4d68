package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The uncompressed tar as it is produced: headers and file contents go straight into the
 * sink's fixed-size block buffers (file bytes are read into them, never copied twice), and
 * every block is hashed into the diff ID just before the sink takes it, on the producing
 * thread, while the sink's compressors work on earlier blocks.
 */
final class TarStream {
    private static final byte[] ZEROS = new byte[2 * TarHeaders.BLOCK];

    private final TarBlockSink sink;
    private final int offset;
    private final int capacity;
    private final MessageDigest sha256 = newSha256();
    private byte[] buffer;
    private int position;
    private long size;

    TarStream(TarBlockSink sink) {
        this.sink = sink;
        this.offset = sink.blockOffset();
        this.capacity = sink.blockSize();
        this.buffer = sink.firstBuffer();
    }

    /** Appends bytes (a header). */
    void write(byte[] bytes) throws IOException {
        int done = 0;
        while (done < bytes.length) {
            room();
            int n = Math.min(bytes.length - done, capacity - position);
            System.arraycopy(bytes, done, buffer, offset + position, n);
            position += n;
            done += n;
        }
    }

    /**
     * Appends exactly {@code length} bytes read from {@code in}, then zeros up to the next
     * 512-byte boundary. A file that grew since it was stat'ed is cut to {@code length}.
     *
     * @param shown the file, for messages
     * @throws LayerWriterException if reading fails or the file ends early (it shrank)
     * @throws IOException if handing a block to the sink fails
     */
    void copy(ReadableByteChannel in, long length, Path shown) throws IOException {
        long left = length;
        while (left > 0) {
            room();
            int want = (int) Math.min(left, capacity - position);
            int n;
            try {
                n = in.read(ByteBuffer.wrap(buffer, offset + position, want));
            } catch (IOException e) {
                throw new LayerWriterException(shown, "cannot read the file: " + e, e);
            }
            if (n < 0) {
                throw new LayerWriterException(shown, "the file ended after " + (length - left) + " of " + length
                        + " bytes (it changed while the layer was written)");
            }
            position += n;
            left -= n;
        }
        zeros((int) (TarHeaders.padded(length) - length));
    }

    /** Writes the end-of-archive marker, hands over the last block and returns the diff ID. */
    Digest finish() throws IOException {
        zeros(ZEROS.length);
        sha256.update(buffer, offset, position);
        size += position;
        sink.accept(buffer, position, true);
        buffer = null;
        return Digest.sha256(HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The tar's size so far (all of it after {@link #finish()}). */
    long size() {
        return size;
    }

    private void zeros(int count) throws IOException {
        int done = 0;
        while (done < count) {
            room();
            int n = Math.min(count - done, capacity - position);
            System.arraycopy(ZEROS, 0, buffer, offset + position, n);
            position += n;
            done += n;
        }
    }

    /** Hands over a full block (only once more bytes follow, so the last block is never empty). */
    private void room() throws IOException {
        if (position == capacity) {
            sha256.update(buffer, offset, position);
            size += position;
            buffer = sink.accept(buffer, position, false);
            position = 0;
        }
    }
}

package dev.stevedore.oci;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An output stream that hashes and counts everything written through it, for writing a blob
 * and learning its descriptor in one pass. Not thread-safe.
 *
 * <pre>{@code
 * DigestingOutputStream out = DigestingOutputStream.of(Files.newOutputStream(temp));
 * try (out) {
 *     tar.writeTo(out);
 * }
 * Descriptor layer = Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, out.digest(), out.size());
 * }</pre>
 */
public final class DigestingOutputStream extends FilterOutputStream {
    private final DigestAlgorithm algorithm;
    private final MessageDigest hash;
    private long size;
    private Digest digest;

    private DigestingOutputStream(OutputStream out, DigestAlgorithm algorithm) {
        super(out);
        this.algorithm = algorithm;
        this.hash = algorithm.newMessageDigest();
    }

    /**
     * Wraps a stream, hashing with SHA-256.
     *
     * @param out where the bytes go; closed when this stream is closed
     * @return the digesting stream
     */
    public static DigestingOutputStream of(OutputStream out) {
        return of(out, DigestAlgorithm.SHA256);
    }

    /**
     * Wraps a stream, hashing with the given algorithm.
     *
     * @param out where the bytes go; closed when this stream is closed
     * @param algorithm the hash algorithm
     * @return the digesting stream
     */
    public static DigestingOutputStream of(OutputStream out, DigestAlgorithm algorithm) {
        return new DigestingOutputStream(Objects.requireNonNull(out, "out"),
                Objects.requireNonNull(algorithm, "algorithm"));
    }

    @Override
    public void write(int b) throws IOException {
        checkOpen();
        out.write(b);
        hash.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkOpen();
        out.write(bytes, offset, length);
        hash.update(bytes, offset, length);
        size += length;
    }

    /**
     * Returns the number of bytes written so far.
     *
     * @return the size in bytes
     */
    public long size() {
        return size;
    }

    /**
     * Returns the digest of everything written. After this call the stream accepts no more
     * writes; later calls return the same digest.
     *
     * @return the digest of the written bytes
     */
    public Digest digest() {
        if (digest == null) {
            digest = Digest.fromHash(algorithm, hash.digest());
        }
        return digest;
    }

    private void checkOpen() {
        if (digest != null) {
            throw new IllegalStateException("cannot write after digest() was called");
        }
    }
}

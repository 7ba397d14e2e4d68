package dev.stevedore.oci;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A stream that passes content through while checking it against an expected digest and size.
 *
 * <ul>
 *   <li>It never hands out more than the expected size: when a byte arrives past it, reading
 *       fails at once with a {@link SizeExceededException}, and at most {@code size + 1} bytes
 *       are ever read from the source.</li>
 *   <li>At the end of the source it fails with a {@link SizeMismatchException} if fewer bytes
 *       arrived, or a {@link DigestMismatchException} if the digest differs; only then does it
 *       return -1.</li>
 * </ul>
 *
 * <p>Failures are thrown as a {@link ContentVerificationIOException} whose
 * {@link ContentVerificationIOException#failure() failure()} (and cause) is the typed exception;
 * once failed, every later read throws it again. Content is verified only when read to the end,
 * so a reader that stops early has verified nothing. Not thread-safe.
 *
 * <pre>{@code
 * try (InputStream in = VerifyingInputStream.of(response.body(), layer.digest(), layer.size())) {
 *     in.transferTo(temp); // throws before the end if anything is wrong
 * }
 * }</pre>
 */
public final class VerifyingInputStream extends InputStream {
    private final InputStream source;
    private final Digest expected;
    private final long expectedSize;
    private final MessageDigest hash;
    private long seen;
    private boolean verified;
    private ContentVerificationIOException failure;

    private VerifyingInputStream(InputStream source, Digest expected, long expectedSize) {
        this.source = source;
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.hash = expected.algorithm().newMessageDigest();
    }

    /**
     * Wraps a stream so that reading it verifies its digest and size.
     *
     * @param source the content; closed when this stream is closed
     * @param expected the digest the content must have
     * @param expectedSize the exact size in bytes the content must have
     * @return the verifying stream
     * @throws IllegalArgumentException if {@code expectedSize} is negative
     */
    public static VerifyingInputStream of(InputStream source, Digest expected, long expectedSize) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expected, "expected");
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expected size must not be negative: " + expectedSize);
        }
        return new VerifyingInputStream(source, expected, expectedSize);
    }

    /**
     * Returns how many bytes this stream has handed out so far.
     *
     * @return the number of verified-size bytes read
     */
    public long bytesRead() {
        return seen;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (failure != null) {
            throw failure;
        }
        if (verified) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        long remaining = expectedSize - seen;
        if (remaining == 0) {
            return probeEnd();
        }
        int n = source.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw fail(new SizeMismatchException(expected, expectedSize, seen));
        }
        hash.update(buffer, offset, n);
        seen += n;
        return n;
    }

    private int probeEnd() throws IOException {
        if (source.read() >= 0) {
            throw fail(new SizeExceededException(expected, expectedSize, seen + 1));
        }
        Digest actual = Digest.fromHash(expected.algorithm(), hash.digest());
        if (!actual.equals(expected)) {
            throw fail(new DigestMismatchException(expected, actual));
        }
        verified = true;
        return -1;
    }

    private ContentVerificationIOException fail(ContentVerificationException cause) {
        failure = new ContentVerificationIOException(cause);
        return failure;
    }

    @Override
    public int available() throws IOException {
        if (failure != null || verified) {
            return 0;
        }
        return (int) Math.min(source.available(), expectedSize - seen);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}

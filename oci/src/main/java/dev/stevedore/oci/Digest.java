package dev.stevedore.oci;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A content digest such as {@code sha256:e3b0c442...}: an algorithm and the lowercase hex
 * encoding of the hash.
 *
 * <p>Every instance is strictly valid (a supported algorithm and exactly the right number of
 * lowercase hex digits), so a digest can be put into a file path or URL without further checks;
 * untrusted text must go through {@link #parse(String)}.
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
 * Path blob = layoutRoot.resolve("blobs").resolve(d.blobPath());
 * }</pre>
 *
 * @param algorithm the hash algorithm
 * @param encoded the hash as lowercase hex digits
 */
public record Digest(DigestAlgorithm algorithm, String encoded) {
    private static final HexFormat HEX = HexFormat.of();
    private static final int BUFFER_SIZE = 64 * 1024;

    /**
     * Creates a digest from its parts.
     *
     * @param algorithm the hash algorithm
     * @param encoded the hash as lowercase hex digits
     * @throws InvalidDigestException if {@code encoded} is not exactly the right number of lowercase hex digits
     */
    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoded, "encoded");
        checkEncoded(algorithm.id() + ":" + encoded, algorithm, encoded);
    }

    /**
     * Parses a digest string, rejecting anything but {@code sha256:<64 hex>} and
     * {@code sha512:<128 hex>} with lowercase hex digits.
     *
     * <pre>{@code Digest.parse("sha256:../../etc/passwd") // throws InvalidDigestException}</pre>
     *
     * @param text the digest, such as {@code "sha256:e3b0c442..."}
     * @return the digest
     * @throws InvalidDigestException if the text is malformed or names another algorithm
     */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidDigestException(text, "expected <algorithm>:<hex>, found no ':'");
        }
        String id = text.substring(0, colon);
        DigestAlgorithm algorithm = DigestAlgorithm.fromId(id).orElseThrow(() ->
                new InvalidDigestException(text, "unsupported algorithm \"" + id
                        + "\" (supported: sha256, sha512)"));
        String encoded = text.substring(colon + 1);
        checkEncoded(text, algorithm, encoded);
        return new Digest(algorithm, encoded);
    }

    /**
     * Returns the SHA-256 digest with the given hex encoding.
     *
     * <pre>{@code Digest.sha256("e3b0c442...b855").toString() // "sha256:e3b0c442...b855"}</pre>
     *
     * @param hex 64 lowercase hex digits
     * @return the digest
     * @throws InvalidDigestException if {@code hex} is malformed
     */
    public static Digest sha256(String hex) {
        return new Digest(DigestAlgorithm.SHA256, hex);
    }

    /**
     * Computes the SHA-256 digest of some bytes.
     *
     * <pre>{@code Digest.of(new byte[0]) // sha256:e3b0c44298fc...}</pre>
     *
     * @param content the bytes to hash
     * @return their digest
     */
    public static Digest of(byte[] content) {
        return of(DigestAlgorithm.SHA256, content);
    }

    /**
     * Computes the digest of some bytes with the given algorithm.
     *
     * @param algorithm the hash algorithm
     * @param content the bytes to hash
     * @return their digest
     */
    public static Digest of(DigestAlgorithm algorithm, byte[] content) {
        return fromHash(algorithm, algorithm.newMessageDigest().digest(content));
    }

    /**
     * Computes the SHA-256 digest of a stream, reading it to the end in small chunks (the stream
     * is never held in memory) and leaving it open.
     *
     * <pre>{@code
     * try (InputStream in = Files.newInputStream(layer)) {
     *     Digest diffId = Digest.compute(in);
     * }
     * }</pre>
     *
     * @param in the stream to read to its end
     * @return the digest of everything read
     * @throws IOException if reading fails
     */
    public static Digest compute(InputStream in) throws IOException {
        return compute(DigestAlgorithm.SHA256, in);
    }

    /**
     * Computes the digest of a stream with the given algorithm; see {@link #compute(InputStream)}.
     *
     * @param algorithm the hash algorithm
     * @param in the stream to read to its end
     * @return the digest of everything read
     * @throws IOException if reading fails
     */
    public static Digest compute(DigestAlgorithm algorithm, InputStream in) throws IOException {
        MessageDigest hash = algorithm.newMessageDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            hash.update(buffer, 0, n);
        }
        return fromHash(algorithm, hash.digest());
    }

    static Digest fromHash(DigestAlgorithm algorithm, byte[] hash) {
        return new Digest(algorithm, HEX.formatHex(hash));
    }

    /**
     * Returns the path of this digest's blob relative to an OCI layout's {@code blobs}
     * directory, with {@code '/'} as the separator.
     *
     * <pre>{@code Digest.sha256(hex).blobPath() // "sha256/" + hex}</pre>
     *
     * @return {@code "<algorithm>/<hex>"}
     */
    public String blobPath() {
        return algorithm.id() + "/" + encoded;
    }

    /**
     * Returns the digest in its standard form.
     *
     * @return {@code "<algorithm>:<hex>"}, such as {@code "sha256:e3b0c442..."}
     */
    @Override
    public String toString() {
        return algorithm.id() + ":" + encoded;
    }

    private static void checkEncoded(String text, DigestAlgorithm algorithm, String encoded) {
        if (encoded.length() != algorithm.hexLength()) {
            throw new InvalidDigestException(text, algorithm.id() + " needs " + algorithm.hexLength()
                    + " hex digits, found " + encoded.length() + " characters");
        }
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                throw new InvalidDigestException(text, "character '" + c + "' at position " + i
                        + " of the hex part is not a lowercase hex digit");
            }
        }
    }
}

package dev.stevedore.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The digest algorithms this module accepts: the two registered by the OCI image
 * specification that every registry supports.
 */
public enum DigestAlgorithm {
    /** SHA-256, written {@code sha256:} followed by 64 lowercase hex digits. */
    SHA256("sha256", "SHA-256", 64),
    /** SHA-512, written {@code sha512:} followed by 128 lowercase hex digits. */
    SHA512("sha512", "SHA-512", 128);

    private final String id;
    private final String jcaName;
    private final int hexLength;

    DigestAlgorithm(String id, String jcaName, int hexLength) {
        this.id = id;
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    /**
     * Returns the algorithm by its identifier in a digest string.
     *
     * <pre>{@code DigestAlgorithm.fromId("sha256") // Optional[SHA256]}</pre>
     *
     * @param id the identifier, such as {@code "sha256"}; matched exactly
     * @return the algorithm, or empty if it is not supported
     */
    public static Optional<DigestAlgorithm> fromId(String id) {
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.id.equals(id)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the identifier written before the colon of a digest.
     *
     * @return {@code "sha256"} or {@code "sha512"}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the number of hex digits an encoded digest of this algorithm has.
     *
     * @return 64 for SHA-256, 128 for SHA-512
     */
    public int hexLength() {
        return hexLength;
    }

    MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + jcaName, e);
        }
    }
}

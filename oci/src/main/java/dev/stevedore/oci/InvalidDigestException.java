package dev.stevedore.oci;

/**
 * A digest string that is malformed or uses an algorithm this module does not support,
 * such as {@code "sha256:../../x"} or {@code "md5:d41d8cd98f00b204e9800998ecf8427e"}.
 */
public final class InvalidDigestException extends OciException {
    private static final long serialVersionUID = 1L;

    /** The rejected digest text. */
    private final String digest;

    /** What is wrong with the digest, without the digest itself. */
    private final String reason;

    InvalidDigestException(String digest, String reason) {
        super("invalid digest \"" + digest + "\": " + reason);
        this.digest = digest;
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    /**
     * Returns the digest text that was rejected.
     *
     * @return the rejected input, exactly as given
     */
    public String digest() {
        return digest;
    }
}

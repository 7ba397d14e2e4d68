package dev.stevedore.oci;

/**
 * The root of every error this module reports about a reference, digest, media type,
 * document or verified stream.
 *
 * <p>Subtypes carry the input that was rejected; the message always names it.
 */
public class OciException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the rejected input.
     *
     * @param message what went wrong, and with which input
     */
    public OciException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what went wrong, and with which input
     * @param cause the error that led to this one
     */
    public OciException(String message, Throwable cause) {
        super(message, cause);
    }
}

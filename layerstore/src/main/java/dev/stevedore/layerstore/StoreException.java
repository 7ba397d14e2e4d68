package dev.stevedore.layerstore;

/**
 * The root of every error the layer store reports. Subtypes carry the digest, ref or path
 * involved; the message always names it.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names what was being stored or read.
     *
     * @param message what went wrong, and with which blob, ref or path
     */
    public StoreException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what went wrong, and with which blob, ref or path
     * @param cause the error that led to this one
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.stevedore;

/**
 * The root of every exception the engine ({@code core}) throws. Failures of the lower modules
 * reach callers wrapped in a subtype that says what the engine was doing, with the lower
 * module's exception as the cause.
 *
 * <pre>{@code
 * try {
 *     Images.pull("busybox");
 * } catch (StevedoreException e) {
 *     System.err.println(e.getMessage()); // action, input, where
 * }
 * }</pre>
 */
public class StevedoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed, on what, where
     */
    public StevedoreException(String message) {
        super(message);
    }

    /**
     * Creates an exception with its cause.
     *
     * @param message what failed, on what, where
     * @param cause the underlying failure
     */
    public StevedoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

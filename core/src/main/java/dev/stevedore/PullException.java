package dev.stevedore;

/**
 * Thrown when a pull fails: the registry refused, was unreachable, sent content that did not
 * match its digest, or the image cannot run on this platform. Nothing half-pulled is visible:
 * no ref is set, and blobs that did arrive verified are left to GC.
 *
 * <pre>{@code
 * try {
 *     Images.pull("127.0.0.1:5000/app:1");
 * } catch (PullException e) {
 *     e.reference(); // "127.0.0.1:5000/app:1"
 * }
 * }</pre>
 */
public class PullException extends StevedoreException {
    private static final long serialVersionUID = 1L;

    private final String reference;

    PullException(String reference, String message, Throwable cause) {
        super(message, cause);
        this.reference = reference;
    }

    /**
     * The normalized reference that was pulled.
     *
     * @return such as {@code docker.io/library/busybox:latest}
     */
    public String reference() {
        return reference;
    }
}

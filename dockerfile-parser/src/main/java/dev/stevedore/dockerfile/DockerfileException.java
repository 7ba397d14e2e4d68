package dev.stevedore.dockerfile;

/**
 * The root of every error this module reports about a Dockerfile or an ignore file.
 *
 * <p>Subtypes carry the location of the problem; the message always names the input.
 */
public class DockerfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the input and the problem.
     *
     * @param message what went wrong, and where
     */
    public DockerfileException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what went wrong, and where
     * @param cause the error that led to this one
     */
    public DockerfileException(String message, Throwable cause) {
        super(message, cause);
    }
}

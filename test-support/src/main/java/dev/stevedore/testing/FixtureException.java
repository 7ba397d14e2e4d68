package dev.stevedore.testing;

/**
 * Thrown when a test fixture cannot be set up or used: a registry that does not start, an
 * image that cannot be written, a peer tool that fails. The message says what was tried,
 * with what, and what the machine answered (a log tail, a tool's stderr).
 *
 * <pre>{@code
 * try (LocalRegistry registry = LocalRegistry.anonymous().start()) {
 *     ...
 * } catch (FixtureException e) {
 *     // e.getMessage() carries the registry's log
 * }
 * }</pre>
 */
public class FixtureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names the action and its input.
     *
     * @param message what failed, with context
     */
    public FixtureException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the underlying cause.
     *
     * @param message what failed, with context
     * @param cause the underlying failure
     */
    public FixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.stevedore;

/**
 * The root of the container errors: what the engine was doing to which container, and why.
 *
 * <pre>{@code
 * try {
 *     Containers.remove("web", false);
 * } catch (ContainerConflictException e) {
 *     // "cannot remove container 4f2a... (web): it is running; stop it first or force the removal"
 * }
 * }</pre>
 */
public class ContainerException extends StevedoreException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The container concerned. */
    private final String container;

    /**
     * Creates the exception.
     *
     * @param container the container's id or name as the caller gave it, or empty when none yet
     * @param message what failed, on what
     */
    public ContainerException(String container, String message) {
        super(message);
        this.container = container;
    }

    /**
     * Creates the exception with its cause.
     *
     * @param container the container's id or name, or empty when none yet
     * @param message what failed, on what
     * @param cause the underlying failure
     */
    public ContainerException(String container, String message, Throwable cause) {
        super(message, cause);
        this.container = container;
    }

    /**
     * @return the container concerned (id or name), or an empty string when it had none yet
     */
    public String container() {
        return container;
    }
}

package dev.stevedore;

/**
 * No container has the id, id prefix or name asked for.
 *
 * <pre>{@code
 * try { Containers.remove("nosuch", true); } catch (ContainerNotFoundException e) { ... }
 * }</pre>
 */
public final class ContainerNotFoundException extends ContainerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param idOrName what was asked for
     * @param home the engine home that was searched
     */
    public ContainerNotFoundException(String idOrName, String home) {
        super(idOrName, "no such container: " + idOrName + " (in " + home + ")");
    }
}

package dev.stevedore;

/**
 * The container is not in a state that allows the action: removing a running container without
 * force, starting one twice, a name in use, an ambiguous id prefix, a volume or network in use.
 *
 * <pre>{@code
 * try { Containers.remove("web", false); } catch (ContainerConflictException e) { Containers.remove("web", true); }
 * }</pre>
 */
public final class ContainerConflictException extends ContainerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param container the container (or volume or network) concerned
     * @param message what conflicts
     */
    public ContainerConflictException(String container, String message) {
        super(container, message);
    }
}

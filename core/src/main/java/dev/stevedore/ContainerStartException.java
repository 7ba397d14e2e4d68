package dev.stevedore;

/**
 * A container could not be started: its image, its mounts, its network or its ports (such as a
 * host port already in use) stood in the way. Nothing is left behind: no record, cgroup, mount
 * or state directory.
 *
 * <pre>{@code
 * try {
 *     Containers.create("busybox").publish(8080, 80).start();
 * } catch (ContainerStartException e) {
 *     // "cannot start a container of busybox: cannot publish a port "0.0.0.0:8080/tcp": EADDRINUSE ..."
 * }
 * }</pre>
 */
public final class ContainerStartException extends ContainerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param container the container's name or image
     * @param message what failed
     * @param cause the underlying failure
     */
    public ContainerStartException(String container, String message, Throwable cause) {
        super(container, message, cause);
    }
}

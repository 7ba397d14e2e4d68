package dev.stevedore;

/**
 * A port published for a running (or once running) container: the host address and port the
 * engine listens on, and the container port it forwards to.
 *
 * <pre>{@code
 * PortBinding web = container.ports().get(0);
 * URI uri = URI.create("http://127.0.0.1:" + web.hostPort() + "/");
 * }</pre>
 *
 * @param protocol TCP or UDP
 * @param hostIp the host address listened on
 * @param hostPort the host port actually bound (never 0)
 * @param containerPort the port inside the container
 */
public record PortBinding(PortProtocol protocol, String hostIp, int hostPort, int containerPort) {
    /**
     * Checks the ports.
     *
     * @param protocol TCP or UDP
     * @param hostIp the host address listened on
     * @param hostPort the host port actually bound (never 0)
     * @param containerPort the port inside the container
     * @throws IllegalArgumentException if a port is out of range
     */
    public PortBinding {
        if (protocol == null || hostIp == null) {
            throw new IllegalArgumentException("protocol and host address are required");
        }
        if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("ports must be between 1 and 65535, got " + hostPort + " and "
                    + containerPort);
        }
    }

    @Override
    public String toString() {
        return hostIp + ":" + hostPort + "->" + containerPort + "/" + protocol.label();
    }
}

package dev.stevedore.sandbox;

/**
 * A published port: the shim listens on {@code hostIp:hostPort} in the host's network
 * namespace and forwards each connection (TCP) or peer (UDP) to
 * {@code 127.0.0.1:containerPort} inside the sandbox's namespace. Host port 0 picks a free
 * port; {@link PublishedPort} tells which.
 *
 * <pre>{@code
 * PortMapping.tcp(4000, 80)            // docker run -p 4000:80 (all host addresses)
 * PortMapping.tcp(0, 80).onHost("127.0.0.1")
 * }</pre>
 *
 * @param protocol TCP or UDP
 * @param hostIp the host address to listen on ({@code 0.0.0.0} for all IPv4, {@code ::} for all IPv6)
 * @param hostPort the host port, or 0 for any free one
 * @param containerPort the port inside the sandbox
 */
public record PortMapping(Protocol protocol, String hostIp, int hostPort, int containerPort) {
    /** Transport protocols. */
    public enum Protocol {
        /** TCP. */ TCP(6),
        /** UDP. */ UDP(17);

        private final int number;

        Protocol(int number) {
            this.number = number;
        }

        /** @return the IP protocol number */
        public int number() {
            return number;
        }
    }

    /** Checks the ports and the address's shape. */
    public PortMapping {
        if (hostPort < 0 || hostPort > 65535) {
            throw new IllegalArgumentException("host port must be between 0 and 65535, got " + hostPort);
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("container port must be between 1 and 65535, got " + containerPort);
        }
        if (!hostIp.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("host address must be an IPv4 or IPv6 literal, got \"" + hostIp + "\"");
        }
    }

    /** @param hostPort host port or 0 @param containerPort port inside @return a TCP mapping on all IPv4 addresses */
    public static PortMapping tcp(int hostPort, int containerPort) {
        return new PortMapping(Protocol.TCP, "0.0.0.0", hostPort, containerPort);
    }

    /** @param hostPort host port or 0 @param containerPort port inside @return a UDP mapping on all IPv4 addresses */
    public static PortMapping udp(int hostPort, int containerPort) {
        return new PortMapping(Protocol.UDP, "0.0.0.0", hostPort, containerPort);
    }

    /** @param ip the host address to listen on @return a copy */
    public PortMapping onHost(String ip) {
        return new PortMapping(protocol, ip, hostPort, containerPort);
    }
}

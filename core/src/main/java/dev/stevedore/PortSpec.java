package dev.stevedore;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port to publish, as {@code docker run -p}: connections to {@code hostIp:hostPort} on the
 * host reach {@code containerPort} inside the container. A host port of 0 asks for a free one,
 * read back with {@link Container#mappedPort(int)}.
 *
 * <pre>{@code
 * PortSpec.tcp(8080, 80)          // -p 8080:80
 * PortSpec.random(80)             // -p 80 (a free host port)
 * PortSpec.parse("127.0.0.1:0:53/udp")
 * }</pre>
 *
 * @param protocol TCP or UDP
 * @param hostIp the host address to listen on; {@code 0.0.0.0} for all, as Docker
 * @param hostPort the host port, or 0 for a free one
 * @param containerPort the port inside the container
 */
public record PortSpec(PortProtocol protocol, String hostIp, int hostPort, int containerPort) {
    private static final Pattern SPEC = Pattern.compile(
            "(?:(?:(\\[[0-9a-fA-F:.]+\\]|[0-9.]+):)?(\\d*):)?(\\d+)(?:/([a-zA-Z]+))?");

    /**
     * Checks the ports and the address.
     *

     * @param protocol TCP or UDP

     * @param hostIp the host address to listen on; {@code 0.0.0.0} for all, as Docker

     * @param hostPort the host port, or 0 for a free one

     * @param containerPort the port inside the container
     * @throws IllegalArgumentException if a port is out of range or the address is not an IP literal

     */

    public PortSpec {
        if (protocol == null || hostIp == null) {
            throw new IllegalArgumentException("protocol and host address are required");
        }
        if (hostPort < 0 || hostPort > 65535) {
            throw new IllegalArgumentException("host port must be between 0 and 65535, got " + hostPort);
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("container port must be between 1 and 65535, got " + containerPort);
        }
        if (!hostIp.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("host address must be an IPv4 or IPv6 literal, got \"" + hostIp + "\"");
        }
    }

    /**
     * A TCP port on every host address.
     *
     * @param hostPort the host port, or 0 for a free one
     * @param containerPort the port inside
     * @return the spec
     */
    public static PortSpec tcp(int hostPort, int containerPort) {
        return new PortSpec(PortProtocol.TCP, "0.0.0.0", hostPort, containerPort);
    }

    /**
     * A UDP port on every host address.
     *
     * @param hostPort the host port, or 0 for a free one
     * @param containerPort the port inside
     * @return the spec
     */
    public static PortSpec udp(int hostPort, int containerPort) {
        return new PortSpec(PortProtocol.UDP, "0.0.0.0", hostPort, containerPort);
    }

    /**
     * A TCP port published on a free host port.
     *
     * @param containerPort the port inside
     * @return the spec
     */
    public static PortSpec random(int containerPort) {
        return tcp(0, containerPort);
    }

    /**
     * Parses Docker's {@code -p} syntax: {@code [ip:][hostPort:]containerPort[/protocol]};
     * an empty or missing host port means a free one. Ranges are not supported.
     *
     * @param text such as {@code "8080:80"}, {@code "127.0.0.1::80"} or {@code "53/udp"}
     * @return the spec
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static PortSpec parse(String text) {
        Matcher m = SPEC.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid port spec \"" + text
                    + "\": expected [ip:][hostPort:]containerPort[/tcp|/udp]");
        }
        String ip = m.group(1) == null ? "0.0.0.0" : m.group(1).replace("[", "").replace("]", "");
        int host = m.group(2) == null || m.group(2).isEmpty() ? 0 : parsePort(m.group(2), text);
        int container = parsePort(m.group(3), text);
        PortProtocol protocol = m.group(4) == null ? PortProtocol.TCP : PortProtocol.parse(m.group(4));
        return new PortSpec(protocol, ip, host, container);
    }

    /**
     * This spec listening on another host address.
     *
     * @param ip such as {@code "127.0.0.1"}
     * @return a copy
     */
    public PortSpec onHost(String ip) {
        return new PortSpec(protocol, ip, hostPort, containerPort);
    }

    /**
     * The container side as Docker writes it.
     *
     * @return such as {@code "80/tcp"}
     */
    public String containerKey() {
        return containerPort + "/" + protocol.label();
    }

    private static int parsePort(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in \"" + text + "\"", e);
        }
    }
}

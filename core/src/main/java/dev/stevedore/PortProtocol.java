package dev.stevedore;

import java.util.Locale;

/**
 * The transport protocol of a published or exposed port.
 *
 * <pre>{@code PortSpec.of(PortProtocol.UDP, 5353, 53)}</pre>
 */
public enum PortProtocol {
    /** TCP, the default. */
    TCP,
    /** UDP. */
    UDP;

    /**
     * The name as Docker writes it in {@code 80/tcp}.
     *
     * @return {@code "tcp"} or {@code "udp"}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code "tcp"} or {@code "udp"} (any case).
     *
     * @param text the protocol's name
     * @return the protocol
     * @throws IllegalArgumentException if it is neither (Stevedore does not publish SCTP)
     */
    public static PortProtocol parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            default -> throw new IllegalArgumentException("unsupported port protocol \"" + text + "\" (tcp or udp)");
        };
    }
}

package dev.stevedore.dockerfile;

/**
 * The network of a {@code RUN --network=...} step.
 *
 * <pre>{@code
 * NetworkMode.of("none");  // NetworkMode.NONE
 * }</pre>
 */
public enum NetworkMode {
    /** The builder's default network. */
    DEFAULT("default"),
    /** No network at all: only a loopback device. */
    NONE("none"),
    /** The host's network (needs the {@code network.host} entitlement). */
    HOST("host");

    private final String value;

    NetworkMode(String value) {
        this.value = value;
    }

    /**
     * Returns the word used in the Dockerfile.
     *
     * @return {@code default}, {@code none} or {@code host}
     */
    public String value() {
        return value;
    }

    /**
     * Returns the mode a flag value names; as BuildKit, case-sensitive.
     *
     * @param value the flag's value
     * @return the mode
     * @throws DockerfileException if the value is not a network mode
     */
    public static NetworkMode of(String value) {
        for (NetworkMode mode : values()) {
            if (mode.value.equals(value)) {
                return mode;
            }
        }
        throw DockerfileException.unlocated("invalid network mode " + GoText.quote(value), value);
    }
}

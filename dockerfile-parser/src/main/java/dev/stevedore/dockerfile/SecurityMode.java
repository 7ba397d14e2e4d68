package dev.stevedore.dockerfile;

/**
 * The security mode of a {@code RUN --security=...} step.
 *
 * <pre>{@code
 * SecurityMode.of("insecure");  // SecurityMode.INSECURE
 * }</pre>
 */
public enum SecurityMode {
    /** The default sandbox. */
    SANDBOX("sandbox"),
    /** All capabilities, no seccomp (needs the {@code security.insecure} entitlement). */
    INSECURE("insecure");

    private final String value;

    SecurityMode(String value) {
        this.value = value;
    }

    /**
     * Returns the word used in the Dockerfile.
     *
     * @return {@code sandbox} or {@code insecure}
     */
    public String value() {
        return value;
    }

    /**
     * Returns the mode a flag value names; as BuildKit, case-sensitive.
     *
     * @param value the flag's value
     * @return the mode
     * @throws DockerfileException if the value is not a security mode
     */
    public static SecurityMode of(String value) {
        for (SecurityMode mode : values()) {
            if (mode.value.equals(value)) {
                return mode;
            }
        }
        throw DockerfileException.unlocated("security " + GoText.quote(value) + " is not valid", value);
    }
}

package dev.stevedore.sandbox;

/**
 * How a seccomp rule compares a system call argument: libseccomp's {@code enum scmp_compare},
 * named as in profiles ({@code SCMP_CMP_EQ}, ...), each with its libseccomp number.
 */
enum Comparison {
    /** {@code arg != value}. */
    NE(1),
    /** {@code arg < value}. */
    LT(2),
    /** {@code arg <= value}. */
    LE(3),
    /** {@code arg == value}. */
    EQ(4),
    /** {@code arg >= value}. */
    GE(5),
    /** {@code arg > value}. */
    GT(6),
    /** {@code (arg & value) == valueTwo}. */
    MASKED_EQ(7);

    private static final String PREFIX = "SCMP_CMP_";

    private final int code;

    Comparison(int code) {
        this.code = code;
    }

    /** The {@code enum scmp_compare} value. */
    int code() {
        return code;
    }

    /** The name a profile uses, e.g. {@code SCMP_CMP_MASKED_EQ}. */
    String profileName() {
        return PREFIX + name();
    }

    /**
     * Parses a profile's {@code op}.
     *
     * @throws IllegalArgumentException for an unknown operator
     */
    static Comparison parse(String profileName) {
        for (Comparison c : values()) {
            if (c.profileName().equals(profileName)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown operator \"" + profileName + "\"");
    }
}

package dev.stevedore.dockerfile;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An OCI platform, {@code os/architecture[/variant]}, read and normalized the way BuildKit's
 * {@code containerd/platforms} does: {@code x86_64} is {@code amd64}, {@code aarch64} is
 * {@code arm64}, {@code arm} without a variant is {@code arm/v7}, {@code macos} is
 * {@code darwin}. OS versions and OS features ({@code windows(10.0.17763)}) are accepted when
 * parsing and dropped.
 *
 * <pre>{@code
 * Platform p = Platform.parse("linux/arm64");
 * p.os();            // "linux"
 * p.architecture();  // "arm64"
 * p.format();        // "linux/arm64"
 * Platform.parse("linux/armhf").format();  // "linux/arm/v7"
 * }</pre>
 *
 * @param os the operating system, lower case, for example {@code linux}
 * @param architecture the CPU architecture, for example {@code amd64}
 * @param variant the CPU variant, for example {@code v7}, or {@code ""}
 */
public record Platform(String os, String architecture, String variant) {

    /**
     * Checks the parts and normalizes them.
     *
     * @throws IllegalArgumentException if the OS or architecture is empty or a part has
     *     characters outside {@code [A-Za-z0-9_.-]}
     */
    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(variant, "variant");
        if (os.isEmpty() || architecture.isEmpty()) {
            throw new IllegalArgumentException("a platform needs an OS and an architecture: " + os + "/"
                    + architecture);
        }
        for (String part : new String[] {os, architecture, variant}) {
            if (!part.isEmpty() && !PlatformSpecifier.isComponent(part)) {
                throw new IllegalArgumentException("invalid platform component: " + GoText.quote(part));
            }
        }
        os = PlatformSpecifier.normalizeOs(os);
        String[] arch = PlatformSpecifier.normalizeArch(architecture, variant);
        architecture = arch[0];
        variant = arch[1];
    }

    /**
     * Returns the platform {@code os/architecture}.
     *
     * @param os the operating system
     * @param architecture the architecture
     * @return the normalized platform
     */
    public static Platform of(String os, String architecture) {
        return new Platform(os, architecture, "");
    }

    /**
     * Parses a platform specifier as {@code docker build --platform} takes it:
     * {@code os/arch}, {@code os/arch/variant}, or a lone OS or architecture (the other part
     * is then this machine's, as BuildKit takes it from its daemon's host).
     *
     * <pre>{@code Platform.parse("linux/amd64/v1").format()   // "linux/amd64"}</pre>
     *
     * @param specifier for example {@code linux/arm/v6}
     * @return the normalized platform
     * @throws IllegalArgumentException with containerd's message if the specifier is invalid
     */
    public static Platform parse(String specifier) {
        Objects.requireNonNull(specifier, "specifier");
        return PlatformSpecifier.parse(specifier, host());
    }

    /**
     * Returns the platform this JVM runs on, as Linux: the build platform when the caller
     * names none.
     *
     * @return for example {@code linux/amd64}
     */
    public static Platform host() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> of("linux", "amd64");
            case "aarch64", "arm64" -> of("linux", "arm64");
            case "x86", "i386", "i686" -> of("linux", "386");
            case "arm" -> of("linux", "arm");
            default -> PlatformSpecifier.isComponent(arch) ? of("linux", arch) : of("linux", "amd64");
        };
    }

    /**
     * Returns {@code os/architecture[/variant]}, as the {@code BUILDPLATFORM} and
     * {@code TARGETPLATFORM} build arguments hold it.
     *
     * @return the specifier
     */
    public String format() {
        return variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
    }

    /** Parses quietly: empty if containerd would reject the specifier. */
    static Optional<Platform> tryParse(String specifier) {
        try {
            return Optional.of(parse(specifier));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return format();
    }
}

package dev.stevedore.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operating system and CPU an image is built for, as in an index entry or an image config.
 *
 * <p>Normalization and matching follow containerd's {@code platforms} package: {@code x86_64}
 * is {@code amd64}, {@code aarch64} is {@code arm64}, {@code arm64/v8} is plain {@code arm64},
 * {@code armhf} is {@code arm/v7}, {@code armel} is {@code arm/v6}, plain {@code arm} is
 * {@code arm/v7}, {@code i386} is {@code 386}, {@code macos} is {@code darwin}. The canonical
 * constructor keeps values as given (a document's platform is read as written); the factories
 * return normalized platforms, and matching always compares normalized forms.
 *
 * <pre>{@code
 * Platform.parse("linux/aarch64/v8")                       // linux/arm64
 * Platform.parse("linux/arm64").matches(Platform.of("linux", "arm64", "v8")) // true
 * Platform.parse("linux/arm/v8").canRun(Platform.parse("linux/arm/v6"))      // true
 * }</pre>
 *
 * @param os the operating system, such as {@code "linux"}
 * @param architecture the CPU architecture, such as {@code "amd64"}
 * @param variant the CPU variant, such as {@code "v7"}, if any
 * @param osVersion the operating system version (used by Windows images), if any
 * @param osFeatures required operating system features, possibly none
 */
public record Platform(String os, String architecture, Optional<String> variant,
        Optional<String> osVersion, List<String> osFeatures) {
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern OS_OPTIONS =
            Pattern.compile("([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.-]*)((?:\\+[A-Za-z0-9_.-]+)*)\\))?");

    /**
     * Creates a platform with its values as given; see {@link #normalized()}.
     *
     * @param os the operating system, such as {@code "linux"}
     * @param architecture the CPU architecture, such as {@code "amd64"}
     * @param variant the CPU variant, such as {@code "v7"}, if any
     * @param osVersion the operating system version (used by Windows images), if any
     * @param osFeatures required operating system features, possibly none
     * @throws IllegalArgumentException if os or architecture is empty
     */
    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        if (os.isEmpty() || architecture.isEmpty()) {
            throw new IllegalArgumentException("platform needs an os and an architecture, got \""
                    + os + "/" + architecture + "\"");
        }
        variant = Objects.requireNonNull(variant, "variant").filter(v -> !v.isEmpty());
        osVersion = Objects.requireNonNull(osVersion, "osVersion").filter(v -> !v.isEmpty());
        osFeatures = List.copyOf(osFeatures);
    }

    /**
     * Returns the normalized platform for an operating system and architecture.
     *
     * @param os the operating system, such as {@code "linux"}
     * @param architecture the architecture, such as {@code "x86_64"}
     * @return the normalized platform
     */
    public static Platform of(String os, String architecture) {
        return of(os, architecture, "");
    }

    /**
     * Returns the normalized platform for an operating system, architecture and variant.
     *
     * @param os the operating system, such as {@code "linux"}
     * @param architecture the architecture, such as {@code "arm"}
     * @param variant the variant, such as {@code "v6"}; empty for none
     * @return the normalized platform
     */
    public static Platform of(String os, String architecture, String variant) {
        return new Platform(os, architecture, Optional.of(variant), Optional.empty(), List.of()).normalized();
    }

    /**
     * Parses a containerd platform specifier, {@code <os>|<arch>|<os>/<arch>[/<variant>]}, where
     * the os may carry options as {@code os(version+feature+feature)}. A lone operating system
     * gets the host's architecture, a lone architecture the host's operating system.
     *
     * <pre>{@code Platform.parse("linux/arm64/v8") // linux/arm64}</pre>
     *
     * @param specifier the specifier
     * @return the normalized platform
     * @throws InvalidPlatformException if the specifier is malformed or names nothing known
     */
    public static Platform parse(String specifier) {
        Objects.requireNonNull(specifier, "specifier");
        String[] parts = specifier.split("/", -1);
        if (parts.length > 3) {
            throw new InvalidPlatformException(specifier, "expected at most <os>/<arch>/<variant>");
        }
        Matcher os = OS_OPTIONS.matcher(parts[0]);
        if (!os.matches()) {
            throw new InvalidPlatformException(specifier, "invalid os component \"" + parts[0] + "\"");
        }
        for (int i = 1; i < parts.length; i++) {
            if (!COMPONENT.matcher(parts[i]).matches()) {
                throw new InvalidPlatformException(specifier, "invalid component \"" + parts[i] + "\"");
            }
        }
        Optional<String> version = Optional.ofNullable(os.group(2));
        List<String> features = new ArrayList<>();
        if (os.group(3) != null && !os.group(3).isEmpty()) {
            features.addAll(List.of(os.group(3).substring(1).split("\\+")));
        }
        String osName = PlatformNames.normalizeOs(os.group(1));
        if (parts.length == 1) {
            Platform host = host();
            if (PlatformNames.isKnownOs(osName)) {
                return new Platform(osName, host.architecture, host.variant, version, features).normalized();
            }
            Platform arch = Platform.of(host.os, parts[0]);
            if (os.group(2) != null || !PlatformNames.isKnownArchitecture(arch.architecture)) {
                throw new InvalidPlatformException(specifier, "unknown operating system or architecture");
            }
            return arch;
        }
        String variantPart = parts.length == 3 ? parts[2] : "";
        return new Platform(osName, parts[1], Optional.of(variantPart), version, features).normalized();
    }

    /**
     * Returns the platform of the machine this JVM runs on, such as {@code linux/amd64}.
     *
     * @return the normalized host platform
     */
    public static Platform host() {
        return fromJvm(System.getProperty("os.name", "linux"), System.getProperty("os.arch", "amd64"));
    }

    static Platform fromJvm(String osName, String osArch) {
        return Platform.of(PlatformNames.osFromJvm(osName), PlatformNames.archFromJvm(osArch));
    }

    /**
     * Returns this platform in canonical form: names normalized, OS features sorted and unique.
     *
     * @return the normalized platform
     */
    public Platform normalized() {
        PlatformNames.ArchVariant arch = PlatformNames.normalizeArch(architecture, variant.orElse(""));
        return new Platform(PlatformNames.normalizeOs(os), arch.architecture(), Optional.of(arch.variant()),
                osVersion, List.copyOf(new TreeSet<>(osFeatures)));
    }

    /**
     * Whether {@code other} is this platform: same normalized os, architecture and variant,
     * other's OS features a subset of this one's, and for Windows the same build if both give
     * an OS version. Lower variants do not match; see {@link #canRun(Platform)}.
     *
     * @param other the platform to compare, such as an index entry's
     * @return true if they match exactly after normalization
     */
    public boolean matches(Platform other) {
        Platform self = normalized();
        Platform that = other.normalized();
        return self.os.equals(that.os) && self.architecture.equals(that.architecture)
                && self.variant.equals(that.variant) && self.osFeatures.containsAll(that.osFeatures)
                && sameWindowsBuild(self, that);
    }

    private static boolean sameWindowsBuild(Platform self, Platform that) {
        if (!self.os.equals("windows") || self.osVersion.isEmpty() || that.osVersion.isEmpty()) {
            return true;
        }
        return build(self.osVersion.get()).equals(build(that.osVersion.get()));
    }

    private static String build(String version) {
        String[] parts = version.split("\\.");
        return String.join(".", List.of(parts).subList(0, Math.min(3, parts.length)));
    }

    /**
     * Whether a machine of this platform can run an image built for {@code image}: an exact
     * match, or a compatible older variant (arm v8 runs v7, v6 and v5; arm64 also runs 32-bit
     * arm; amd64/v3 runs v2 and v1; amd64 runs 386).
     *
     * @param image the image's platform
     * @return true if this platform can run it
     */
    public boolean canRun(Platform image) {
        return PlatformPreference.of(this).stream().anyMatch(p -> p.matches(image));
    }

    /**
     * Returns the specifier form that {@link #parse(String)} reads, such as
     * {@code "linux/arm/v7"} or {@code "windows(10.0.17763)/amd64"}.
     *
     * @return the platform specifier
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(os);
        if (osVersion.isPresent() || !osFeatures.isEmpty()) {
            text.append('(').append(osVersion.orElse(""));
            osFeatures.forEach(f -> text.append('+').append(f));
            text.append(')');
        }
        text.append('/').append(architecture);
        variant.ifPresent(v -> text.append('/').append(v));
        return text.toString();
    }
}

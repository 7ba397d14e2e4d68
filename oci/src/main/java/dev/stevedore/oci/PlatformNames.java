package dev.stevedore.oci;

import java.util.Locale;
import java.util.Set;

/**
 * containerd's platform normalization: operating system and architecture aliases, and the
 * canonical spelling of CPU variants.
 */
final class PlatformNames {
    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly",
            "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9",
            "solaris", "wasip1", "windows", "zos");
    private static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe",
            "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32",
            "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc",
            "sparc64", "wasm");

    /** An architecture and its variant ("" for none). */
    record ArchVariant(String architecture, String variant) {
    }

    private PlatformNames() {
    }

    static boolean isKnownOs(String os) {
        return KNOWN_OS.contains(os);
    }

    static boolean isKnownArchitecture(String architecture) {
        return KNOWN_ARCH.contains(architecture);
    }

    static String normalizeOs(String os) {
        String lower = os.toLowerCase(Locale.ROOT);
        return lower.equals("macos") ? "darwin" : lower;
    }

    static ArchVariant normalizeArch(String architecture, String variant) {
        String arch = architecture.toLowerCase(Locale.ROOT);
        String v = variant.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "i386":
            case "i686":
                return new ArchVariant("386", "");
            case "x86_64":
            case "x86-64":
            case "amd64":
                return new ArchVariant("amd64", v.equals("v1") || v.equals("1") ? "" : withV(v));
            case "aarch64":
            case "arm64":
                return new ArchVariant("arm64", arm64Variant(v));
            case "armhf":
                return new ArchVariant("arm", "v7");
            case "armel":
                return new ArchVariant("arm", "v6");
            case "arm":
                return new ArchVariant("arm", v.isEmpty() ? "v7" : withV(v));
            default:
                return new ArchVariant(arch, v);
        }
    }

    private static String arm64Variant(String variant) {
        String v = withV(variant);
        if (v.equals("v8") || v.equals("v8.0")) {
            return "";
        }
        return v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
    }

    /** Writes a bare version number ("7", "8.2") with its "v" prefix. */
    private static String withV(String variant) {
        if (!variant.isEmpty() && Character.isDigit(variant.charAt(0))) {
            return "v" + variant;
        }
        return variant;
    }

    /** Maps the JVM's {@code os.name} to a Go-style operating system name. */
    static String osFromJvm(String osName) {
        String lower = osName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("windows")) {
            return "windows";
        }
        if (lower.startsWith("mac") || lower.startsWith("darwin")) {
            return "darwin";
        }
        if (lower.startsWith("sunos")) {
            return "solaris";
        }
        return normalizeOs(lower.replace(" ", ""));
    }

    /** Maps the JVM's {@code os.arch} to a Go-style architecture name. */
    static String archFromJvm(String osArch) {
        String lower = osArch.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "x86":
            case "i486":
            case "i586":
                return "386";
            case "ppc64le":
            case "ppc64":
            case "s390x":
            case "riscv64":
                return lower;
            default:
                return normalizeArch(lower, "").architecture();
        }
    }
}

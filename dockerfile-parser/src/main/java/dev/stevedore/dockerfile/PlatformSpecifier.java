package dev.stevedore.dockerfile;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** containerd's {@code platforms.Parse} and {@code Normalize}, with its error messages. */
final class PlatformSpecifier {
    private static final String COMPONENT = "^[A-Za-z0-9_.-]+$";
    private static final Pattern OS = Pattern.compile(
            "^([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.%-]*)((?:\\+[A-Za-z0-9_.%-]+)*)\\))?$");
    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd",
            "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos");
    private static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64",
            "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32",
            "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");

    private PlatformSpecifier() {
    }

    /** Whether {@code s} matches {@code ^[A-Za-z0-9_.-]+$}. */
    static boolean isComponent(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    static Platform parse(String specifier, Platform host) {
        if (specifier.contains("*")) {
            throw invalid(GoText.quote(specifier) + ": wildcards not yet supported");
        }
        String[] parts = specifier.split("/", 4);
        Matcher os = OS.matcher(parts[0]);
        if (!os.matches()) {
            throw invalid(GoText.quote(parts[0]) + " is an invalid OS component of " + GoText.quote(specifier)
                    + ": OSAndVersion specifier component must match " + GoText.quote(OS.pattern()));
        }
        for (int i = 1; i < parts.length; i++) {
            if (!isComponent(parts[i])) {
                throw invalid(GoText.quote(parts[i]) + " is an invalid component of " + GoText.quote(specifier)
                        + ": platform specifier component must match " + GoText.quote(COMPONENT));
            }
        }
        String osName = os.group(1);
        switch (parts.length) {
            case 1 -> {
                String lower = normalizeOs(osName);
                if (KNOWN_OS.contains(lower)) {
                    return new Platform(lower, host.architecture(), host.variant());
                }
                String[] arch = normalizeArch(parts[0], "");
                if (KNOWN_ARCH.contains(arch[0])) {
                    return new Platform(host.os(), arch[0], arch[0].equals("arm") && arch[1].equals("v7") ? ""
                            : arch[1]);
                }
                throw invalid(GoText.quote(specifier) + ": unknown operating system or architecture");
            }
            case 2 -> {
                return new Platform(osName, parts[1], "");
            }
            case 3 -> {
                String[] arch = normalizeArch(parts[1], parts[2]);
                String variant = arch[0].equals("arm64") && arch[1].isEmpty() ? "v8" : arch[1];
                return new Platform(osName, arch[0], variant);
            }
            default -> throw invalid(GoText.quote(specifier) + ": cannot parse platform specifier");
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(message + ": invalid argument");
    }

    static String normalizeOs(String os) {
        String lower = GoText.toLower(os);
        return lower.equals("macos") ? "darwin" : lower;
    }

    /** Returns {architecture, variant} normalized. */
    static String[] normalizeArch(String architecture, String variant) {
        String arch = GoText.toLower(architecture);
        String v = GoText.toLower(variant);
        switch (arch) {
            case "i386" -> {
                arch = "386";
                v = "";
            }
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                if (v.equals("v1")) {
                    v = "";
                }
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                switch (v) {
                    case "8", "v8", "v8.0" -> v = "";
                    case "9", "9.0", "v9.0" -> v = "v9";
                    default -> {
                    }
                }
            }
            case "armhf" -> {
                arch = "arm";
                v = "v7";
            }
            case "armel" -> {
                arch = "arm";
                v = "v6";
            }
            case "arm" -> {
                switch (v) {
                    case "", "7" -> v = "v7";
                    case "5", "6", "8" -> v = "v" + v;
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
        return new String[] {arch, v};
    }
}

package dev.stevedore.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this host offers the sandbox: kernel, privileges, namespaces, overlayfs and the
 * cgroup layout. Read from {@code /proc}; nothing is changed.
 *
 * <pre>{@code
 * HostFeatures host = HostFeatures.detect();
 * if (!host.root()) { ... } // 0.1 runs containers as root only
 * }</pre>
 *
 * @param kernelRelease the running kernel, e.g. {@code 6.18.44}
 * @param architecture the machine, e.g. {@code amd64}
 * @param root whether this process runs with effective uid 0
 * @param namespaces the namespace types this kernel offers (names from {@code /proc/self/ns})
 * @param overlay whether the kernel knows the {@code overlay} filesystem
 * @param cgroups where each cgroup controller lives
 */
public record HostFeatures(String kernelRelease, String architecture, boolean root, Set<String> namespaces,
        boolean overlay, CgroupLayout cgroups) {

    private static final List<String> SANDBOX_NAMESPACES = List.of("pid", "mnt", "uts", "ipc", "net", "cgroup");

    /** Freezes the components. */
    public HostFeatures {
        namespaces = Set.copyOf(namespaces);
    }

    /**
     * Reads this host's features.
     *
     * @return what this host offers
     * @throws SandboxException if {@code /proc} cannot be read
     */
    public static HostFeatures detect() {
        Set<String> ns = new TreeSet<>();
        try (var entries = Files.list(Path.of("/proc/self/ns"))) {
            entries.forEach(p -> ns.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new SandboxException("cannot list /proc/self/ns to find the kernel's namespaces", e);
        }
        String filesystems = read(Path.of("/proc/filesystems"));
        boolean overlay = filesystems.lines().anyMatch(l -> l.trim().endsWith("overlay"));
        return new HostFeatures(read(Path.of("/proc/sys/kernel/osrelease")).trim(), hostArchitecture(),
                effectiveUid() == 0, ns, overlay, CgroupLayout.detect());
    }

    /**
     * The namespaces a default sandbox needs that this kernel lacks.
     *
     * @return missing namespace names; empty when all are there
     */
    public List<String> missingNamespaces() {
        List<String> missing = new ArrayList<>();
        for (String n : SANDBOX_NAMESPACES) {
            if (!namespaces.contains(n)) {
                missing.add(n);
            }
        }
        return List.copyOf(missing);
    }

    private static String hostArchitecture() {
        String arch = System.getProperty("os.arch", "unknown");
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private static int effectiveUid() {
        for (String line : read(Path.of("/proc/self/status")).split("\n")) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
            }
        }
        throw new SandboxException("/proc/self/status has no Uid line");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SandboxException("cannot read " + file, e);
        }
    }
}

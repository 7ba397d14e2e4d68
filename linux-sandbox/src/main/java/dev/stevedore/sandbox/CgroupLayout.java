package dev.stevedore.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Where each cgroup controller lives on this host: on a v1 hierarchy, on the v2 (unified)
 * hierarchy, or nowhere.
 *
 * <p>Hosts come in three layouts. <em>Unified</em>: only cgroup2 is mounted and every
 * controller is on it. <em>Legacy</em>: only v1 hierarchies. <em>Hybrid</em>: v1 hierarchies
 * plus a cgroup2 mount (often {@code /sys/fs/cgroup/unified}); a controller bound to no v1
 * hierarchy, such as {@code hugetlb} on some hosts, then appears on v2. Detection reads
 * {@code /proc/self/mountinfo} and the v2 root's {@code cgroup.controllers}, as runc does.
 *
 * <pre>{@code
 * CgroupLayout layout = CgroupLayout.detect();
 * layout.v1Controllers();   // {blkio=/sys/fs/cgroup/blkio, cpu=/sys/fs/cgroup/cpu, ...}
 * layout.v2Controllers();   // [hugetlb]
 * }</pre>
 *
 * @param mode which of the three layouts this host has
 * @param unifiedMount where cgroup2 is mounted, if it is
 * @param v1Controllers each v1 controller and the mount point of its hierarchy
 * @param v2Controllers the controllers available on the unified hierarchy
 */
public record CgroupLayout(Mode mode, Optional<Path> unifiedMount, Map<String, Path> v1Controllers,
        Set<String> v2Controllers) {

    /** The three ways a host can arrange its cgroup hierarchies. */
    public enum Mode {
        /** Only cgroup v1 hierarchies. */
        LEGACY,
        /** cgroup v1 hierarchies plus a cgroup2 mount. */
        HYBRID,
        /** Only cgroup2. */
        UNIFIED
    }

    /** Where a controller lives. */
    public enum Version {
        /** On its own (or a shared) v1 hierarchy. */
        V1,
        /** On the unified hierarchy. */
        V2
    }

    /** Validates and freezes the components. */
    public CgroupLayout {
        v1Controllers = Map.copyOf(v1Controllers);
        v2Controllers = Set.copyOf(v2Controllers);
    }

    /**
     * Detects the layout of this host from {@code /proc/self/mountinfo}.
     *
     * @return the detected layout
     * @throws SandboxException if mountinfo cannot be read or no cgroup filesystem is mounted
     */
    public static CgroupLayout detect() {
        String mountinfo;
        try {
            mountinfo = Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SandboxException("cannot read /proc/self/mountinfo to find the cgroup hierarchies", e);
        }
        return from(MountInfo.parseAll(mountinfo), CgroupLayout::readIfPresent);
    }

    /**
     * Builds the layout from parsed mounts, reading the v2 root's files through {@code reader}
     * (tests pass a fake tree).
     */
    static CgroupLayout from(List<MountInfo> mounts, Function<Path, Optional<String>> reader) {
        Map<String, Path> v1 = new TreeMap<>();
        Optional<Path> unified = Optional.empty();
        for (MountInfo m : mounts) {
            if (m.fsType().equals("cgroup")) {
                for (String option : m.superOptions()) {
                    if (!isMountOption(option)) {
                        v1.putIfAbsent(option, Path.of(m.mountPoint()));
                    }
                }
            } else if (m.fsType().equals("cgroup2") && unified.isEmpty()) {
                unified = Optional.of(Path.of(m.mountPoint()));
            }
        }
        Set<String> v2 = new TreeSet<>();
        unified.flatMap(root -> reader.apply(root.resolve("cgroup.controllers")))
                .ifPresent(text -> {
                    for (String c : text.trim().split("\\s+")) {
                        if (!c.isEmpty() && !v1.containsKey(c)) {
                            v2.add(c);
                        }
                    }
                });
        if (v1.isEmpty() && unified.isEmpty()) {
            throw new SandboxException("no cgroup filesystem is mounted (neither cgroup nor cgroup2 in mountinfo)");
        }
        Mode mode = v1.isEmpty() ? Mode.UNIFIED : unified.isPresent() ? Mode.HYBRID : Mode.LEGACY;
        return new CgroupLayout(mode, unified, v1, v2);
    }

    /**
     * Where {@code controller} lives, if anywhere.
     *
     * @param controller a controller name such as {@code memory} or {@code pids}
     * @return V1 if a v1 hierarchy has it, V2 if the unified hierarchy does, empty otherwise
     */
    public Optional<Version> locate(String controller) {
        if (v1Controllers.containsKey(controller)) {
            return Optional.of(Version.V1);
        }
        return v2Controllers.contains(controller) ? Optional.of(Version.V2) : Optional.empty();
    }

    private static boolean isMountOption(String option) {
        // v1 superblock options mix flags (rw, noprefix, clone_children, ...) with controller names;
        // named hierarchies (name=systemd) carry no controller.
        return option.isEmpty() || option.equals("rw") || option.equals("ro") || option.contains("=")
                || option.equals("noprefix") || option.equals("clone_children") || option.equals("xattr")
                || option.equals("cpuset_v2_mode") || option.equals("favordynmods");
    }

    private static Optional<String> readIfPresent(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SandboxException("cannot read " + file, e);
        }
    }
}

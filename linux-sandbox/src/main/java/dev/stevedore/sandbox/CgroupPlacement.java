package dev.stevedore.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where one sandbox's cgroup is on every hierarchy of a host: a directory per v1 controller
 * (controllers mounted together share it) and, when cgroup2 is mounted, a directory there,
 * also on hybrid hosts, for {@code cgroup.kill}, {@code cgroup.freeze} and {@code cgroup.events}.
 *
 * @param v1 each v1 controller and the sandbox's directory on its hierarchy, sorted by controller
 * @param v2 the sandbox's directory on the unified hierarchy, if cgroup2 is mounted
 * @param v2Controllers the controllers the sandbox uses on the unified hierarchy
 */
record CgroupPlacement(Map<String, Path> v1, Optional<Path> v2, Set<String> v2Controllers) {
    /** The v2 controllers a sandbox enables where the host offers them, in the order they are enabled. */
    static final List<String> V2_CONTROLLERS = List.of("cpuset", "cpu", "io", "memory", "pids");

    CgroupPlacement {
        v1 = Collections.unmodifiableMap(new TreeMap<>(v1));
        v2Controllers = Set.copyOf(v2Controllers);
    }

    /**
     * The directories of a new cgroup at {@code relative} below every hierarchy's root.
     *
     * @param layout the host's hierarchies
     * @param relative the path below each root, such as {@code stevedore/<id>}
     */
    static CgroupPlacement of(CgroupLayout layout, Path relative) {
        Map<String, Path> v1 = new TreeMap<>();
        layout.v1Controllers().forEach((controller, mount) -> v1.put(controller, mount.resolve(relative)));
        return new CgroupPlacement(v1, layout.unifiedMount().map(m -> m.resolve(relative)), usedOnV2(layout));
    }

    /**
     * The placement of an existing cgroup from the directories recorded when it was made.
     *
     * @param layout the host's hierarchies
     * @param directories what {@link #directories()} returned
     * @throws SandboxException if a directory lies under none of the host's cgroup mounts
     */
    static CgroupPlacement recorded(CgroupLayout layout, List<Path> directories) {
        Map<String, Path> v1 = new TreeMap<>();
        Optional<Path> v2 = Optional.empty();
        for (Path dir : directories) {
            boolean known = false;
            if (layout.unifiedMount().isPresent() && dir.startsWith(layout.unifiedMount().get())) {
                v2 = Optional.of(dir);
                known = true;
            }
            for (Map.Entry<String, Path> e : layout.v1Controllers().entrySet()) {
                if (dir.startsWith(e.getValue()) && !dir.equals(e.getValue())) {
                    v1.put(e.getKey(), dir);
                    known = true;
                }
            }
            if (!known) {
                throw new SandboxException("cgroup directory " + dir + " is under none of this host's cgroup mounts "
                        + "(v1 " + layout.v1Controllers().values() + ", v2 " + layout.unifiedMount().map(Path::toString)
                        .orElse("none") + ")");
            }
        }
        return new CgroupPlacement(v1, v2, usedOnV2(layout));
    }

    /** Every directory: one per v1 hierarchy, in controller order, then the v2 one. */
    List<Path> directories() {
        Set<Path> dirs = new LinkedHashSet<>(v1.values());
        v2.ifPresent(dirs::add);
        return List.copyOf(dirs);
    }

    /** The sandbox's directory on each v1 hierarchy, once per hierarchy. */
    List<Path> v1Directories() {
        return List.copyOf(new LinkedHashSet<>(v1.values()));
    }

    /**
     * The directory whose files control {@code controller}: its v1 directory, or the v2 one if
     * the controller is on the unified hierarchy.
     */
    Optional<Path> dirFor(String controller) {
        if (v1.containsKey(controller)) {
            return Optional.of(v1.get(controller));
        }
        return v2Controllers.contains(controller) ? v2 : Optional.empty();
    }

    /** Whether {@code controller} is used through the v2 directory. */
    boolean onV2(String controller) {
        return !v1.containsKey(controller) && v2Controllers.contains(controller) && v2.isPresent();
    }

    private static Set<String> usedOnV2(CgroupLayout layout) {
        Set<String> used = new TreeSet<>();
        for (String c : V2_CONTROLLERS) {
            if (layout.v2Controllers().contains(c) && !layout.v1Controllers().containsKey(c)) {
                used.add(c);
            }
        }
        return used;
    }

    /** The v2 controllers to enable, in {@link #V2_CONTROLLERS} order. */
    List<String> v2ControllersInOrder() {
        List<String> ordered = new ArrayList<>();
        for (String c : V2_CONTROLLERS) {
            if (v2Controllers.contains(c)) {
                ordered.add(c);
            }
        }
        return ordered;
    }
}

package dev.stevedore.sandbox;

import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Makes and finds sandbox cgroups on this host's hierarchies; one per runtime.
 *
 * <p>A sandbox {@code id} under parent {@code stevedore} gets {@code <root>/stevedore/<id>} on
 * every mounted v1 hierarchy (each controller's, co-mounted ones once; named hierarchies such as
 * {@code name=systemd} carry no controller and are left alone) and, when cgroup2 is mounted,
 * also on the unified hierarchy, where hybrid hosts still offer {@code cgroup.kill},
 * {@code cgroup.freeze} and {@code cgroup.events}. {@code <root>} is each hierarchy's mount
 * point, not the cgroup of this JVM: a detached sandbox outlives the JVM, and cgroup2 allows
 * controllers only in cgroups without processes of their own.
 *
 * <pre>{@code
 * CgroupHost host = CgroupHost.detect();
 * SandboxCgroup cgroup = host.create("stevedore", id, limits, DeviceRule.DOCKER_DEFAULTS);
 * state.record(cgroup.directories());
 * ...
 * cgroup.killAll();
 * cgroup.remove();
 * }</pre>
 */
final class CgroupHost {
    private final CgroupLayout layout;
    private final Syscalls sys;

    /**
     * Uses the given hierarchies; tests pass a layout whose mount points are temp directories.
     *
     * @param layout where each controller is mounted
     */
    CgroupHost(CgroupLayout layout) {
        this.layout = layout;
        this.sys = Syscalls.linux();
    }

    /**
     * The hierarchies of this host, from {@link CgroupLayout#detect()}.
     *
     * @return a host for making sandbox cgroups
     */
    static CgroupHost detect() {
        return new CgroupHost(CgroupLayout.detect());
    }

    /**
     * Creates a sandbox's cgroup with its limits and device rules; no process is in it yet.
     * Parents are created as needed; on v2 the controllers the sandbox uses are enabled in the
     * {@code cgroup.subtree_control} of every ancestor; on v1 every new {@code cpuset}
     * directory gets its parent's CPUs and memory nodes, without which no process could join.
     * If any step fails, every directory this call created is removed again.
     *
     * @param parent the cgroup the sandbox goes under, such as {@code stevedore} (may have several segments)
     * @param name the sandbox's own cgroup name, such as its id
     * @param limits the resource limits
     * @param devices the device access list, applied in order after denying every device; an
     *     empty list denies all devices, {@code a *:* rwm} allows all
     * @return the new cgroup
     * @throws SandboxException if a limit needs a controller this host lacks, the cgroup already
     *     exists, or a directory or control file cannot be written (naming file and value)
     * @throws IllegalArgumentException if {@code parent} or {@code name} is not a plain relative name
     */
    SandboxCgroup create(String parent, String name, Limits limits, List<DeviceRule> devices) {
        checkSegments(parent, "parent");
        checkSegments(name, "name");
        if (name.contains("/")) {
            throw new IllegalArgumentException("a cgroup name must be one path segment, got \"" + name + "\"");
        }
        CgroupLimits.requireControllers(layout, limits);
        Path relative = Path.of(parent, name);
        CgroupPlacement at = CgroupPlacement.of(layout, relative);
        List<Path> created = new ArrayList<>();
        try {
            for (Path leaf : at.v1Directories()) {
                makeV1(leaf, relative, at, created);
            }
            if (at.v2().isPresent()) {
                makeV2(at.v2().get(), relative, at, created);
            }
            CgroupLimits.apply(at, limits);
            CgroupDevices.apply(at, devices, sys);
        } catch (RuntimeException e) {
            removeCreated(created, e);
            throw e;
        }
        return new SandboxCgroup(at, sys);
    }

    /**
     * The cgroup of an existing sandbox, from the directories it recorded (possibly by another JVM).
     *
     * @param directories what {@link SandboxCgroup#directories()} returned
     * @return the cgroup; its directories need not exist any more
     * @throws SandboxException if a directory is under none of this host's cgroup mounts
     */
    SandboxCgroup open(List<Path> directories) {
        return new SandboxCgroup(CgroupPlacement.recorded(layout, directories), sys);
    }

    /** Creates the sandbox's directory on one v1 hierarchy, and its parents; fills in cpusets. */
    private static void makeV1(Path leaf, Path relative, CgroupPlacement at, List<Path> created) {
        boolean cpuset = leaf.equals(at.v1().get("cpuset"));
        Path dir = mount(leaf, relative);
        for (int i = 0; i < relative.getNameCount(); i++) {
            Path parent = dir;
            dir = dir.resolve(relative.getName(i));
            mkdir(dir, i == relative.getNameCount() - 1, created);
            if (cpuset) {
                inheritCpuset(parent, dir, "cpuset.cpus");
                inheritCpuset(parent, dir, "cpuset.mems");
            }
        }
    }

    /** Creates the sandbox's v2 directory and its parents, enabling the controllers it uses on the way. */
    private static void makeV2(Path leaf, Path relative, CgroupPlacement at, List<Path> created) {
        List<String> controllers = at.v2ControllersInOrder();
        Path dir = mount(leaf, relative);
        for (int i = 0; i < relative.getNameCount(); i++) {
            enableControllers(dir, controllers);
            dir = dir.resolve(relative.getName(i));
            mkdir(dir, i == relative.getNameCount() - 1, created);
        }
    }

    private static void enableControllers(Path dir, List<String> controllers) {
        Path file = dir.resolve("cgroup.subtree_control");
        List<String> enabled = List.of(CgroupFiles.readIfPresent(file).orElse("").trim().split("\\s+"));
        StringJoiner missing = new StringJoiner(" ");
        for (String c : controllers) {
            if (!enabled.contains(c)) {
                missing.add("+" + c);
            }
        }
        if (missing.length() > 0) {
            CgroupFiles.write(file, missing.toString());
        }
    }

    /** A new v1 cpuset cgroup starts with no CPUs and no memory nodes: copy the parent's unless set. */
    private static void inheritCpuset(Path parent, Path dir, String file) {
        if (CgroupFiles.readIfPresent(dir.resolve(file)).orElse("").isBlank()) {
            String value = CgroupFiles.read(parent.resolve(file)).trim();
            if (value.isEmpty()) {
                throw new SandboxException(parent.resolve(file) + " is empty, so no cgroup below it can hold processes");
            }
            CgroupFiles.write(dir.resolve(file), value);
        }
    }

    private static void mkdir(Path dir, boolean leaf, List<Path> created) {
        try {
            Files.createDirectory(dir);
            created.add(dir);
        } catch (FileAlreadyExistsException e) {
            if (leaf) {
                throw new SandboxException("cgroup " + dir + " already exists", e);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot create cgroup " + dir + ": " + CgroupFiles.reason(e), e);
        }
    }

    /** Removes, newest first, the directories a failed create made; a parent another sandbox now uses stays. */
    private static void removeCreated(List<Path> created, RuntimeException failure) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                if (!Files.isDirectory(created.get(i)) || CgroupFiles.subtree(created.get(i)).size() == 1) {
                    failure.addSuppressed(new SandboxException("cannot remove cgroup " + created.get(i)
                            + " after a failed create: " + CgroupFiles.reason(e), e));
                }
            }
        }
    }

    /** The hierarchy's mount point: {@code leaf} without the trailing {@code relative}. */
    private static Path mount(Path leaf, Path relative) {
        Path mount = leaf;
        for (int i = 0; i < relative.getNameCount(); i++) {
            mount = mount.getParent();
        }
        return mount;
    }

    private static void checkSegments(String path, String what) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("cgroup " + what + " must be a relative path, got \"" + path + "\"");
        }
        for (String segment : path.split("/")) {
            if (!segment.matches("[A-Za-z0-9_.:@-]+") || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("cgroup " + what + " has a bad segment \"" + segment + "\" in \""
                        + path + "\"");
            }
        }
    }
}

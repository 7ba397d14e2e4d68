package dev.stevedore.sandbox;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * How a sandbox is hardened. {@link #dockerDefaults()} matches {@code docker run} without
 * options: Docker's 14 capabilities (bounding, effective and permitted; inheritable and
 * ambient empty, as Docker does since CVE-2022-24769), Docker's seccomp profile, Docker's
 * masked and read-only paths and device list, no_new_privs off.
 *
 * <pre>{@code
 * Security.dockerDefaults().withCapabilities(List.of("NET_ADMIN"), List.of("MKNOD")).withNoNewPrivileges(true)
 * }</pre>
 *
 * @param capabilities the capabilities the workload holds (bounding, effective and permitted sets)
 * @param seccomp the system-call filter
 * @param noNewPrivileges whether setuid binaries and file capabilities stop granting privileges
 * @param maskedPaths paths hidden from the workload (files covered by /dev/null, directories by an empty read-only tmpfs)
 * @param readonlyPaths paths remounted read-only
 * @param readOnlyRootfs whether the root file system is mounted read-only
 * @param devices which device nodes may be opened (the devices cgroup, or a device eBPF program on cgroup v2)
 */
public record Security(Set<Capability> capabilities, Seccomp seccomp, boolean noNewPrivileges, List<String> maskedPaths,
        List<String> readonlyPaths, boolean readOnlyRootfs, List<DeviceRule> devices) {

    /** Docker's masked paths. */
    public static final List<String> DOCKER_MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/interrupts",
            "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
            "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");

    /** Docker's read-only paths. */
    public static final List<String> DOCKER_READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /** Freezes the collections and checks the paths. */
    public Security {
        capabilities = Set.copyOf(capabilities);
        maskedPaths = List.copyOf(maskedPaths);
        readonlyPaths = List.copyOf(readonlyPaths);
        devices = List.copyOf(devices);
        for (String p : maskedPaths) {
            requireAbsolute(p);
        }
        for (String p : readonlyPaths) {
            requireAbsolute(p);
        }
    }

    /** @return what {@code docker run} applies by default */
    public static Security dockerDefaults() {
        return new Security(Capability.DOCKER_DEFAULTS, Seccomp.dockerDefault(), false, DOCKER_MASKED_PATHS,
                DOCKER_READONLY_PATHS, false, DeviceRule.DOCKER_DEFAULTS);
    }

    /**
     * Adjusts the capabilities as {@code --cap-add} and {@code --cap-drop} do (names with or
     * without {@code CAP_}, any case, or {@code ALL}).
     *
     * @param add capabilities to add
     * @param drop capabilities to drop
     * @return a copy with the adjusted set
     */
    public Security withCapabilities(Collection<String> add, Collection<String> drop) {
        return new Security(Capability.adjust(capabilities, add, drop), seccomp, noNewPrivileges, maskedPaths,
                readonlyPaths, readOnlyRootfs, devices);
    }

    /** @param filter the seccomp filter @return a copy */
    public Security withSeccomp(Seccomp filter) {
        return new Security(capabilities, filter, noNewPrivileges, maskedPaths, readonlyPaths, readOnlyRootfs, devices);
    }

    /** @param on whether no_new_privs is set @return a copy */
    public Security withNoNewPrivileges(boolean on) {
        return new Security(capabilities, seccomp, on, maskedPaths, readonlyPaths, readOnlyRootfs, devices);
    }

    /** @param on whether the root file system is read-only @return a copy */
    public Security withReadOnlyRootfs(boolean on) {
        return new Security(capabilities, seccomp, noNewPrivileges, maskedPaths, readonlyPaths, on, devices);
    }

    /** @param rules the device allow list @return a copy */
    public Security withDevices(List<DeviceRule> rules) {
        return new Security(capabilities, seccomp, noNewPrivileges, maskedPaths, readonlyPaths, readOnlyRootfs, rules);
    }

    /**
     * Everything off, as {@code --privileged} minus devices: all capabilities, no seccomp, no
     * masked or read-only paths.
     *
     * @return an unconfined copy
     */
    public Security privileged() {
        return new Security(Capability.all(), Seccomp.unconfined(), false, List.of(), List.of(), readOnlyRootfs, devices);
    }

    private static void requireAbsolute(String p) {
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("masked and read-only paths must be absolute, got \"" + p + "\"");
        }
    }
}

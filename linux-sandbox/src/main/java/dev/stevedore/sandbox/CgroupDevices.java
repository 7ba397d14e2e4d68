package dev.stevedore.sandbox;

import dev.stevedore.posix.Bpf;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.nio.file.Path;
import java.util.List;

/**
 * Restricts which device nodes a sandbox may open or create. Where the devices controller is on
 * a v1 hierarchy, everything is denied ({@code devices.deny "a"}) and each rule written to
 * {@code devices.allow} (or {@code devices.deny}); otherwise, on cgroup2, the rules are compiled
 * by {@link DeviceFilter} into an eBPF program attached to the sandbox's v2 directory with
 * {@link Bpf#BPF_F_ALLOW_MULTI} (so programs of ancestors keep applying too). The program lives
 * as long as the cgroup; its descriptor is closed right after attaching.
 */
final class CgroupDevices {
    /** The program calls no GPL-only helper, so the kernel accepts any license string. */
    private static final String LICENSE = "Apache-2.0";
    private static final String PROGRAM_NAME = "stevedore_dev";

    private CgroupDevices() {}

    /**
     * Applies the rules to the sandbox's cgroup.
     *
     * @param at the sandbox's directories
     * @param rules the access list, in order, after denying everything
     * @param sys for loading and attaching the eBPF program
     * @throws SandboxException if a rule cannot be written or the program cannot be loaded or attached
     */
    static void apply(CgroupPlacement at, List<DeviceRule> rules, Syscalls sys) {
        Path v1 = at.v1().get("devices");
        if (v1 != null) {
            CgroupFiles.write(v1.resolve("devices.deny"), "a");
            for (DeviceRule rule : rules) {
                CgroupFiles.write(v1.resolve(rule.allow() ? "devices.allow" : "devices.deny"), rule.cgroupV1Syntax());
            }
            return;
        }
        if (DeviceFilter.allowsEverything(rules)) {
            return;
        }
        Path dir = at.v2().orElseThrow(() -> new SandboxException("device rules need the devices cgroup controller "
                + "or cgroup2, which this host does not offer"));
        attach(dir, EbpfInstruction.encode(DeviceFilter.compile(rules)), rules.size(), sys);
    }

    private static void attach(Path dir, byte[] program, int ruleCount, Syscalls sys) {
        try (Fd cgroup = sys.openat(Fd.cwd(), dir, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
                Fd prog = sys.bpfProgLoad(Bpf.BPF_PROG_TYPE_CGROUP_DEVICE, program, LICENSE, PROGRAM_NAME)) {
            sys.bpfProgAttach(cgroup, prog, Bpf.BPF_CGROUP_DEVICE, Bpf.BPF_F_ALLOW_MULTI);
        } catch (PosixException e) {
            throw new SandboxException("cannot attach the device filter (" + ruleCount + " rules, "
                    + program.length / Bpf.INSTRUCTION_SIZE + " instructions) to " + dir + ": " + e.getMessage(), e);
        }
    }
}

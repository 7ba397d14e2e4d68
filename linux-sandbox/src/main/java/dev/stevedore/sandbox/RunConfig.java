package dev.stevedore.sandbox;

import dev.stevedore.posix.MountFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns a spec into the configuration stevedore-init reads. */
final class RunConfig {
    static final int MODE_RUN = 1, MODE_EXEC = 2;
    static final int DM_PROC = 0x1, DM_DEV = 0x2, DM_DEVPTS = 0x4, DM_SHM = 0x8, DM_MQUEUE = 0x10, DM_SYSFS = 0x20,
            DM_CGROUP = 0x40, DM_SYSFS_BIND = 0x80;

    /**
     * When true, overlays are mounted with mount(2) and an option string (short relative paths),
     * the way kernels before 6.8 must, instead of fsconfig's {@code lowerdir+}; for tests.
     */
    static final String LEGACY_OVERLAY_PROPERTY = "stevedore.sandbox.legacyOverlayMount";

    private RunConfig() {}

    static byte[] forRun(SandboxSpec spec, SandboxCgroup cgroup, CgroupLayout layout, Optional<byte[]> seccomp,
            Path rootTarget, List<Mount> etcMounts) {
        ConfigWriter w = new ConfigWriter()
                .u32(ConfigWriter.MODE, MODE_RUN)
                .string(ConfigWriter.ID, spec.id())
                .string(ConfigWriter.STATE_DIR, spec.stateDir().toString())
                .string(ConfigWriter.ROOTFS, rootTarget.toString());
        if (spec.rootfs() instanceof Rootfs.Overlay o) {
            for (Path lower : o.lowers()) {
                w.string(ConfigWriter.LOWER, lower.toString());
            }
            w.string(ConfigWriter.UPPER, o.upper().toString()).string(ConfigWriter.WORK, o.work().toString());
            if (Boolean.getBoolean(LEGACY_OVERLAY_PROPERTY)) {
                w.u32(ConfigWriter.OVERLAY_LEGACY, 1);
            }
        }
        Security sec = spec.security();
        w.u32(ConfigWriter.ROOTFS_READONLY, sec.readOnlyRootfs() ? 1 : 0);
        boolean ownNet = spec.network() instanceof Network.None;
        int dm = DM_PROC | DM_DEV | DM_DEVPTS | DM_SHM | DM_MQUEUE | DM_CGROUP | (ownNet ? DM_SYSFS : DM_SYSFS_BIND);
        w.u32(ConfigWriter.DEFAULT_MOUNTS, dm);
        w.strings(ConfigWriter.CGROUP_MOUNT, cgroupMounts(layout));
        for (Mount m : etcMounts) {
            mount(w, m);
        }
        for (Mount m : spec.mounts()) {
            mount(w, m);
        }
        w.strings(ConfigWriter.MASKED, sec.maskedPaths()).strings(ConfigWriter.READONLY, sec.readonlyPaths());
        for (Map.Entry<String, String> e : spec.sysctls().entrySet()) {
            w.string(ConfigWriter.SYSCTL, e.getKey() + "=" + e.getValue());
        }
        process(w, spec.process(), sec, seccomp);
        w.u32(ConfigWriter.INIT, spec.init() ? 1 : 0)
                .u32(ConfigWriter.DETACHED, spec.detached() ? 1 : 0)
                .u64(ConfigWriter.LOG_MAX_SIZE, spec.logMaxBytes())
                .u32(ConfigWriter.LOG_MAX_FILES, spec.logMaxFiles());
        if (spec.namespaces().contains(Namespace.UTS)) {
            // an own UTS namespace starts with the host's name: give it the one /etc/hostname shows
            w.string(ConfigWriter.HOSTNAME, EtcFiles.hostname(spec));
        }
        w.u32(ConfigWriter.CLONE_FLAGS, spec.cloneFlags());
        for (Map.Entry<Namespace, Path> j : spec.joins().entrySet()) {
            w.join(j.getKey().cloneFlag(), j.getValue().toString());
        }
        if (spec.network() instanceof Network.Join join) {
            w.join(Namespace.NET.cloneFlag(), join.namespace().toString());
        }
        cgroup(w, cgroup);
        for (PortMapping p : spec.ports()) {
            w.port(p.protocol().number(), p.hostPort(), p.containerPort(), p.hostIp());
        }
        return w.frame();
    }

    static byte[] forExec(long targetPid, ProcessSpec process, Security sec, SandboxCgroup cgroup,
            Optional<byte[]> seccomp) {
        ConfigWriter w = new ConfigWriter().u32(ConfigWriter.MODE, MODE_EXEC).u32(ConfigWriter.TARGET_PID, targetPid);
        process(w, process, sec, seccomp);
        cgroup(w, cgroup);
        return w.frame();
    }

    private static void cgroup(ConfigWriter w, SandboxCgroup cgroup) {
        for (Path tasks : cgroup.v1TaskFiles()) {
            w.string(ConfigWriter.CGROUP_TASKS, tasks.toString());
        }
        cgroup.v2Directory().ifPresent(dir -> w.string(ConfigWriter.CGROUP_V2, dir.toString()));
        cgroup.oomEventsFile().ifPresent(f -> w.string(ConfigWriter.OOM_FILE, f.toString()));
    }

    private static void process(ConfigWriter w, ProcessSpec p, Security sec, Optional<byte[]> seccomp) {
        w.strings(ConfigWriter.ARG, p.args()).strings(ConfigWriter.ENV, p.env()).string(ConfigWriter.CWD, p.cwd());
        p.user().ifPresent(u -> w.string(ConfigWriter.USER, u));
        p.umask().ifPresent(m -> w.u32(ConfigWriter.UMASK, m));
        for (Rlimit r : p.rlimits()) {
            w.rlimit(r.resource().number(), r.soft(), r.hard());
        }
        w.u32(ConfigWriter.STDIO, switch (p.stdio()) {
            case PIPE -> 0;
            case LOG -> 1;
            case TTY -> 2;
        });
        w.u32(ConfigWriter.STDIN_OPEN, p.stdinOpen() ? 1 : 0);
        long caps = Capability.mask(sec.capabilities());
        w.caps(caps, caps, caps, 0, 0);
        w.u32(ConfigWriter.NO_NEW_PRIVS, sec.noNewPrivileges() ? 1 : 0);
        seccomp.ifPresent(bpf -> w.bytes(ConfigWriter.SECCOMP, bpf));
    }

    private static void mount(ConfigWriter w, Mount m) {
        long ro = m.readOnly() ? MountFlags.MS_RDONLY : 0;
        long common = MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC;
        int propagation = (int) (long) m.propagation().map(RunConfig::propagation).orElse(0L);
        switch (m.type()) {
            case BIND -> w.mount(1, MountFlags.MS_BIND | MountFlags.MS_REC | ro, propagation,
                    m.source().orElseThrow().toString(), m.target(), "", "");
            case TMPFS -> w.mount(2, MountFlags.MS_NOSUID | MountFlags.MS_NODEV | ro, propagation, "tmpfs", m.target(),
                    "tmpfs", m.options());
            case PROC -> w.mount(3, common | ro, propagation, "proc", m.target(), "proc", m.options());
            case SYSFS -> w.mount(4, common | ro, propagation, "sysfs", m.target(), "sysfs", m.options());
            case DEVPTS -> w.mount(5, MountFlags.MS_NOSUID | MountFlags.MS_NOEXEC | ro, propagation, "devpts",
                    m.target(), "devpts", m.options());
            case MQUEUE -> w.mount(6, common | ro, propagation, "mqueue", m.target(), "mqueue", m.options());
        }
    }

    private static long propagation(Mount.Propagation p) {
        return switch (p) {
            case PRIVATE -> MountFlags.MS_PRIVATE;
            case SLAVE -> MountFlags.MS_SLAVE;
            case SHARED -> MountFlags.MS_SHARED;
            case RPRIVATE -> MountFlags.MS_PRIVATE | MountFlags.MS_REC;
            case RSLAVE -> MountFlags.MS_SLAVE | MountFlags.MS_REC;
            case RSHARED -> MountFlags.MS_SHARED | MountFlags.MS_REC;
        };
    }

    /**
     * What the sandbox mounts at /sys/fs/cgroup: {@code v2::} alone on a unified host; otherwise
     * one {@code v1:<controllers>:<dir>} per v1 hierarchy, plus {@code v2::unified} on a hybrid host.
     */
    static List<String> cgroupMounts(CgroupLayout layout) {
        if (layout.mode() == CgroupLayout.Mode.UNIFIED) {
            return List.of("v2::");
        }
        Map<Path, Set<String>> byMount = new TreeMap<>();
        layout.v1Controllers().forEach((controller, mount) ->
                byMount.computeIfAbsent(mount, k -> new TreeSet<>()).add(controller));
        List<String> out = new ArrayList<>();
        byMount.forEach((mount, controllers) ->
                out.add("v1:" + String.join(",", controllers) + ":" + mount.getFileName()));
        layout.unifiedMount().ifPresent(u -> out.add("v2::" + u.getFileName()));
        return List.copyOf(out);
    }
}

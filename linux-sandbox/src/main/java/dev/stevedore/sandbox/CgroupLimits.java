package dev.stevedore.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Writes {@link Limits} into a sandbox's control files, each through the hierarchy its
 * controller is on:
 *
 * <pre>
 * limit           v1 file                                   v2 file
 * memory          memory.limit_in_bytes                     memory.max
 * memory+swap     memory.memsw.limit_in_bytes               memory.swap.max (swap alone: total - memory, -1 = max)
 * cpu quota       cpu.cfs_period_us, then cpu.cfs_quota_us  cpu.max ("quota period")
 * cpu shares      cpu.shares                                cpu.weight (converted)
 * cpuset          cpuset.cpus, cpuset.mems                  cpuset.cpus, cpuset.mems
 * pids            pids.max                                  pids.max
 * blkio weight    blkio.weight or blkio.bfq.weight          io.weight ("default N", converted) or io.bfq.weight
 * </pre>
 */
final class CgroupLimits {
    private CgroupLimits() {}

    /**
     * Fails unless the host offers every controller the limits need; runs before anything is created.
     *
     * @throws SandboxException naming the first limit whose controller is missing
     */
    static void requireControllers(CgroupLayout layout, Limits limits) {
        if (limits.memoryBytes().isPresent() || limits.memorySwapBytes().isPresent()) {
            need(layout, "memory", "memory limit");
        }
        if (limits.cpuQuotaMicros().isPresent() || limits.cpuPeriodMicros().isPresent()
                || limits.cpuShares().isPresent()) {
            need(layout, "cpu", "cpu limit");
        }
        if (limits.cpusetCpus().isPresent() || limits.cpusetMems().isPresent()) {
            need(layout, "cpuset", "cpuset limit");
        }
        if (limits.pids().isPresent()) {
            need(layout, "pids", "pids limit");
        }
        if (limits.blkioWeight().isPresent() && !layout.v1Controllers().containsKey("blkio")
                && !offeredOnV2(layout, "io")) {
            throw new SandboxException("blkio weight needs the blkio (v1) or io (v2) cgroup controller, "
                    + "which this host does not offer");
        }
    }

    /**
     * Writes every limit that is set; leaves the others at the kernel's defaults.
     *
     * @throws SandboxException naming the file and value of the first write that fails
     */
    static void apply(CgroupPlacement at, Limits limits) {
        memory(at, limits);
        cpu(at, limits);
        cpuset(at, limits);
        limits.pids().ifPresent(max -> CgroupFiles.write(dir(at, "pids").resolve("pids.max"), Long.toString(max)));
        blockIo(at, limits);
    }

    private static void memory(CgroupPlacement at, Limits limits) {
        if (limits.memoryBytes().isEmpty()) {
            return;
        }
        long memory = limits.memoryBytes().getAsLong();
        Path dir = dir(at, "memory");
        if (at.onV2("memory")) {
            Path swap = limits.memorySwapBytes().isPresent() ? swapFile(dir.resolve("memory.swap.max")) : null;
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(memory));
            if (swap != null) {
                long total = limits.memorySwapBytes().getAsLong();
                CgroupFiles.write(swap, total == -1 ? "max" : Long.toString(total - memory));
            }
            return;
        }
        Path limit = dir.resolve("memory.limit_in_bytes");
        if (limits.memorySwapBytes().isEmpty()) {
            CgroupFiles.write(limit, Long.toString(memory));
            return;
        }
        long total = limits.memorySwapBytes().getAsLong();
        Path memsw = swapFile(dir.resolve("memory.memsw.limit_in_bytes"));
        // The kernel keeps memory.limit <= memsw.limit at every step: raise the total first when
        // the new memory limit would pass the current total, else lower memory first.
        OptionalLong current = CgroupFiles.readLimit(memsw);
        if (total == -1 || memory > current.orElse(Long.MAX_VALUE)) {
            CgroupFiles.write(memsw, Long.toString(total));
            CgroupFiles.write(limit, Long.toString(memory));
        } else {
            CgroupFiles.write(limit, Long.toString(memory));
            CgroupFiles.write(memsw, Long.toString(total));
        }
    }

    private static Path swapFile(Path file) {
        if (!Files.exists(file)) {
            throw new SandboxException("memory+swap limit needs swap accounting, which this kernel does not offer: "
                    + file + " does not exist (boot with swapaccount=1, or set no memory+swap limit)");
        }
        return file;
    }

    private static void cpu(CgroupPlacement at, Limits limits) {
        OptionalLong quota = limits.cpuQuotaMicros();
        OptionalLong period = limits.cpuPeriodMicros();
        if (quota.isEmpty() && period.isEmpty() && limits.cpuShares().isEmpty()) {
            return;
        }
        Path dir = dir(at, "cpu");
        if (at.onV2("cpu")) {
            if (quota.isPresent() || period.isPresent()) {
                CgroupFiles.write(dir.resolve("cpu.max"), (quota.isPresent() ? Long.toString(quota.getAsLong()) : "max")
                        + " " + period.orElse(100_000));
            }
            limits.cpuWeight().ifPresent(w -> CgroupFiles.write(dir.resolve("cpu.weight"), Integer.toString(w)));
            return;
        }
        // A quota is checked against the current period, so the period goes first.
        period.ifPresent(p -> CgroupFiles.write(dir.resolve("cpu.cfs_period_us"), Long.toString(p)));
        quota.ifPresent(q -> CgroupFiles.write(dir.resolve("cpu.cfs_quota_us"), Long.toString(q)));
        limits.cpuShares().ifPresent(s -> CgroupFiles.write(dir.resolve("cpu.shares"), Integer.toString(s)));
    }

    private static void cpuset(CgroupPlacement at, Limits limits) {
        if (limits.cpusetCpus().isEmpty() && limits.cpusetMems().isEmpty()) {
            return;
        }
        Path dir = dir(at, "cpuset");
        limits.cpusetCpus().ifPresent(cpus -> CgroupFiles.write(dir.resolve("cpuset.cpus"), cpus));
        limits.cpusetMems().ifPresent(mems -> CgroupFiles.write(dir.resolve("cpuset.mems"), mems));
    }

    private static void blockIo(CgroupPlacement at, Limits limits) {
        if (limits.blkioWeight().isEmpty()) {
            return;
        }
        int weight = limits.blkioWeight().getAsInt();
        if (at.v1().containsKey("blkio")) {
            Path dir = at.v1().get("blkio");
            Path file = Files.exists(dir.resolve("blkio.weight")) ? dir.resolve("blkio.weight")
                    : dir.resolve("blkio.bfq.weight");
            if (!Files.exists(file)) {
                throw new SandboxException("blkio weight needs blkio.weight or blkio.bfq.weight in " + dir
                        + ", which this kernel does not offer (its I/O schedulers have no weights)");
            }
            CgroupFiles.write(file, Integer.toString(weight));
            return;
        }
        Path dir = dir(at, "io");
        Path weightFile = dir.resolve("io.weight");
        Path bfq = dir.resolve("io.bfq.weight");
        if (!Files.exists(weightFile) && Files.exists(bfq)) {
            CgroupFiles.write(bfq, "default " + weight);
        } else {
            CgroupFiles.write(weightFile, "default " + limits.ioWeight().getAsInt());
        }
    }

    private static Path dir(CgroupPlacement at, String controller) {
        return at.dirFor(controller).orElseThrow(() -> new SandboxException(controller
                + " limit needs the " + controller + " cgroup controller, which this host does not offer"));
    }

    private static void need(CgroupLayout layout, String controller, String what) {
        if (!layout.v1Controllers().containsKey(controller) && !offeredOnV2(layout, controller)) {
            throw new SandboxException(what + " needs the " + controller
                    + " cgroup controller, which this host does not offer");
        }
    }

    private static boolean offeredOnV2(CgroupLayout layout, String controller) {
        return layout.unifiedMount().isPresent() && layout.v2Controllers().contains(controller);
    }
}

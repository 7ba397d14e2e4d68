package dev.stevedore.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a sandbox's cgroup has used, read from whichever hierarchy each controller is on.
 * Counters the host does not keep read as 0 (such as the peak memory use on cgroup2 before
 * Linux 5.19); a limit that is not set is empty.
 *
 * @param cpuUsageNanos CPU time used in total ({@code cpuacct.usage}; v2 {@code usage_usec})
 * @param cpuUserNanos of which in user mode
 * @param cpuSystemNanos of which in the kernel
 * @param cpuPeriods enforcement periods that have passed with runnable tasks ({@code nr_periods})
 * @param cpuThrottledPeriods periods in which the quota ran out ({@code nr_throttled})
 * @param cpuThrottledNanos time the tasks were held back for it
 * @param memoryUsageBytes memory charged now ({@code memory.usage_in_bytes}; v2 {@code memory.current})
 * @param memoryLimitBytes the memory limit, if any
 * @param memoryMaxUsageBytes the most ever charged ({@code memory.max_usage_in_bytes}; v2 {@code memory.peak})
 * @param memoryCacheBytes of the usage, page cache ({@code cache}; v2 {@code file} of {@code memory.stat})
 * @param pidsCurrent tasks in the cgroup now
 * @param pidsLimit the most tasks allowed, if limited
 */
record CgroupStats(long cpuUsageNanos, long cpuUserNanos, long cpuSystemNanos, long cpuPeriods,
        long cpuThrottledPeriods, long cpuThrottledNanos, long memoryUsageBytes, OptionalLong memoryLimitBytes,
        long memoryMaxUsageBytes, long memoryCacheBytes, long pidsCurrent, OptionalLong pidsLimit) {

    /** v1 reports "no limit" as the largest page-aligned counter, just under 2^63. */
    private static final long V1_UNLIMITED = 1L << 62;
    /** {@code cpuacct.stat} counts in USER_HZ ticks, 100 per second on x86-64. */
    private static final long NANOS_PER_TICK = 10_000_000;

    /**
     * Reads the statistics of a sandbox's cgroup.
     *
     * @param at the sandbox's directories
     * @return the current values
     * @throws SandboxException if a control file cannot be read or parsed
     */
    static CgroupStats read(CgroupPlacement at) {
        long[] usage = cpuUsage(at);
        long[] throttling = throttling(at);
        long memoryUsage = 0;
        OptionalLong memoryLimit = OptionalLong.empty();
        long memoryMax = 0;
        long cache = 0;
        Optional<Path> memory = at.dirFor("memory");
        if (memory.isPresent() && at.onV2("memory")) {
            Path dir = memory.get();
            memoryUsage = CgroupFiles.readNumber(dir.resolve("memory.current"));
            memoryLimit = CgroupFiles.readLimit(dir.resolve("memory.max"));
            memoryMax = CgroupFiles.readNumber(dir.resolve("memory.peak"));
            cache = CgroupFiles.keyed(dir.resolve("memory.stat"), "file").orElse(0);
        } else if (memory.isPresent()) {
            Path dir = memory.get();
            memoryUsage = CgroupFiles.readNumber(dir.resolve("memory.usage_in_bytes"));
            OptionalLong limit = CgroupFiles.readLimit(dir.resolve("memory.limit_in_bytes"));
            memoryLimit = limit.isPresent() && limit.getAsLong() >= V1_UNLIMITED ? OptionalLong.empty() : limit;
            memoryMax = CgroupFiles.readNumber(dir.resolve("memory.max_usage_in_bytes"));
            Path stat = dir.resolve("memory.stat");
            cache = CgroupFiles.keyed(stat, "total_cache").orElse(CgroupFiles.keyed(stat, "cache").orElse(0));
        }
        long pidsCurrent = 0;
        OptionalLong pidsLimit = OptionalLong.empty();
        Optional<Path> pids = at.dirFor("pids");
        if (pids.isPresent()) {
            pidsCurrent = CgroupFiles.readNumber(pids.get().resolve("pids.current"));
            pidsLimit = CgroupFiles.readLimit(pids.get().resolve("pids.max"));
        }
        return new CgroupStats(usage[0], usage[1], usage[2], throttling[0], throttling[1], throttling[2],
                memoryUsage, memoryLimit, memoryMax, cache, pidsCurrent, pidsLimit);
    }

    /** Total, user and system CPU nanoseconds: from v1 cpuacct, else from cgroup2's cpu.stat (kept without a controller). */
    private static long[] cpuUsage(CgroupPlacement at) {
        Path cpuacct = at.v1().get("cpuacct");
        if (cpuacct != null) {
            long total = CgroupFiles.readNumber(cpuacct.resolve("cpuacct.usage"));
            Path stat = cpuacct.resolve("cpuacct.stat");
            long user = Files.exists(cpuacct.resolve("cpuacct.usage_user"))
                    ? CgroupFiles.readNumber(cpuacct.resolve("cpuacct.usage_user"))
                    : CgroupFiles.keyed(stat, "user").orElse(0) * NANOS_PER_TICK;
            long system = Files.exists(cpuacct.resolve("cpuacct.usage_sys"))
                    ? CgroupFiles.readNumber(cpuacct.resolve("cpuacct.usage_sys"))
                    : CgroupFiles.keyed(stat, "system").orElse(0) * NANOS_PER_TICK;
            return new long[] {total, user, system};
        }
        if (at.v2().isPresent()) {
            Path stat = at.v2().get().resolve("cpu.stat");
            return new long[] {micros(stat, "usage_usec"), micros(stat, "user_usec"), micros(stat, "system_usec")};
        }
        return new long[3];
    }

    /** Periods, throttled periods and throttled nanoseconds of the cpu controller. */
    private static long[] throttling(CgroupPlacement at) {
        Optional<Path> cpu = at.dirFor("cpu");
        if (cpu.isEmpty()) {
            return new long[3];
        }
        Path stat = cpu.get().resolve("cpu.stat");
        long periods = CgroupFiles.keyed(stat, "nr_periods").orElse(0);
        long throttled = CgroupFiles.keyed(stat, "nr_throttled").orElse(0);
        long nanos = at.onV2("cpu") ? micros(stat, "throttled_usec") : CgroupFiles.keyed(stat, "throttled_time").orElse(0);
        return new long[] {periods, throttled, nanos};
    }

    private static long micros(Path stat, String key) {
        return CgroupFiles.keyed(stat, key).orElse(0) * 1000;
    }
}

package dev.stevedore.sandbox;

/**
 * Resource use of a running sandbox, read from its cgroup.
 *
 * @param cpuUsageNanos CPU time used in total
 * @param cpuThrottledPeriods how many periods the CPU quota throttled it ({@code nr_throttled})
 * @param memoryUsageBytes memory in use now
 * @param memoryLimitBytes its memory limit, or -1 when unlimited
 * @param pids how many tasks it holds
 */
public record SandboxStats(long cpuUsageNanos, long cpuThrottledPeriods, long memoryUsageBytes, long memoryLimitBytes,
        long pids) {}

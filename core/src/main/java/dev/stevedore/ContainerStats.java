package dev.stevedore;

/**
 * Resource use of a running container, from its cgroup, as {@code docker stats} reads it.
 *
 * <pre>{@code
 * ContainerStats s = container.stats();
 * System.out.printf("%d MiB of %d%n", s.memoryUsageBytes() >> 20, s.memoryLimitBytes() >> 20);
 * }</pre>
 *
 * @param cpuUsageNanos CPU time used in total
 * @param cpuThrottledPeriods how many periods the CPU limit throttled it
 * @param memoryUsageBytes memory in use
 * @param memoryLimitBytes the memory limit, or -1 when unlimited
 * @param pids how many tasks it holds
 */
public record ContainerStats(long cpuUsageNanos, long cpuThrottledPeriods, long memoryUsageBytes,
        long memoryLimitBytes, long pids) {}

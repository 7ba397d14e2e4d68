package dev.stevedore;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Resource limits of a container, in {@code docker run}'s units. An empty limit is not set.
 *
 * <pre>{@code
 * Containers.create("busybox").memory(64L << 20).cpus(0.5).pidsLimit(100)
 * }</pre>
 *
 * @param memoryBytes {@code --memory}: at least 6 MiB
 * @param cpus {@code --cpus}: how many CPUs' worth of time per 100 ms period
 * @param pids {@code --pids-limit}: the most tasks, at least 1
 */
public record ContainerLimits(OptionalLong memoryBytes, OptionalDouble cpus, OptionalLong pids) {
    /** No limits. */
    public static final ContainerLimits NONE = new ContainerLimits(OptionalLong.empty(), OptionalDouble.empty(),
            OptionalLong.empty());

    /**
     * Checks the ranges.
     *

     * @param memoryBytes {@code --memory}: at least 6 MiB

     * @param cpus {@code --cpus}: how many CPUs' worth of time per 100 ms period

     * @param pids {@code --pids-limit}: the most tasks, at least 1
     * @throws IllegalArgumentException naming the limit if one is out of range

     */

    public ContainerLimits {
        if (memoryBytes == null || cpus == null || pids == null) {
            throw new IllegalArgumentException("limits must not be null; use empty optionals");
        }
        memoryBytes.ifPresent(m -> {
            if (m < (6L << 20)) {
                throw new IllegalArgumentException("memory limit must be at least 6 MiB (6291456 bytes), got " + m);
            }
        });
        cpus.ifPresent(c -> {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("cpus must be a positive number, got " + c);
            }
        });
        pids.ifPresent(p -> {
            if (p < 1) {
                throw new IllegalArgumentException("pids limit must be at least 1, got " + p);
            }
        });
    }

    /**
     * @param bytes the memory limit
     * @return a copy with it
     */
    public ContainerLimits withMemory(long bytes) {
        return new ContainerLimits(OptionalLong.of(bytes), cpus, pids);
    }

    /**
     * @param value CPUs
     * @return a copy with it
     */
    public ContainerLimits withCpus(double value) {
        return new ContainerLimits(memoryBytes, OptionalDouble.of(value), pids);
    }

    /**
     * @param max the most tasks
     * @return a copy with it
     */
    public ContainerLimits withPids(long max) {
        return new ContainerLimits(memoryBytes, cpus, OptionalLong.of(max));
    }
}

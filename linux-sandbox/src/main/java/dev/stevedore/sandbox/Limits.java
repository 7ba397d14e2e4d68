package dev.stevedore.sandbox;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Resource limits for a sandbox's cgroup, in Docker's units. A limit left empty is not set;
 * a limit whose controller this host lacks fails the start with a clear error.
 *
 * <pre>{@code
 * Limits limits = Limits.builder()
 *         .memoryBytes(256L << 20)   // docker run --memory 256m
 *         .cpus(1.5)                 // --cpus 1.5: quota 150000 per 100000 us
 *         .pids(100)                 // --pids-limit 100
 *         .build();
 * }</pre>
 *
 * @param memoryBytes hard memory limit ({@code --memory}); at least 6 MiB, as Docker requires
 * @param memorySwapBytes memory plus swap ({@code --memory-swap}); -1 for unlimited swap;
 *     needs {@code memoryBytes} and must not be below it
 * @param cpuQuotaMicros CPU time per period ({@code --cpu-quota}), 1000 µs or more
 * @param cpuPeriodMicros the period ({@code --cpu-period}), 1000 to 1000000 µs; 100000 when a quota is set alone
 * @param cpuShares relative CPU weight ({@code --cpu-shares}), 2 to 262144; mapped to {@code cpu.weight} on v2
 * @param cpusetCpus the CPUs allowed ({@code --cpuset-cpus}), e.g. {@code 0-1,3}
 * @param cpusetMems the memory nodes allowed ({@code --cpuset-mems})
 * @param pids the most tasks the sandbox may hold ({@code --pids-limit}); at least 1
 * @param blkioWeight relative block-IO weight ({@code --blkio-weight}), 10 to 1000; mapped to {@code io.weight} on v2
 */
public record Limits(OptionalLong memoryBytes, OptionalLong memorySwapBytes, OptionalLong cpuQuotaMicros,
        OptionalLong cpuPeriodMicros, OptionalInt cpuShares, Optional<String> cpusetCpus, Optional<String> cpusetMems,
        OptionalLong pids, OptionalInt blkioWeight) {

    /** The smallest memory limit accepted, as Docker: 6 MiB. */
    public static final long MIN_MEMORY = 6L << 20;

    /** No limits at all. */
    public static final Limits NONE = builder().build();

    /**
     * Checks each limit's range and the relations between them.
     *
     * @throws IllegalArgumentException naming the limit and the value when one is out of range
     */
    public Limits {
        memoryBytes.ifPresent(v -> check(v >= MIN_MEMORY, "memory limit must be at least 6 MiB (6291456 bytes), got %s", v));
        memorySwapBytes.ifPresent(v -> {
            check(memoryBytes.isPresent(), "memory+swap limit %s needs a memory limit too", v);
            check(v == -1 || v >= memoryBytes.getAsLong(),
                    "memory+swap limit %s must be -1 or at least the memory limit %s", v, memoryBytes.getAsLong());
        });
        cpuQuotaMicros.ifPresent(v -> check(v >= 1000, "cpu quota must be at least 1000 us, got %s", v));
        cpuPeriodMicros.ifPresent(v -> check(v >= 1000 && v <= 1_000_000,
                "cpu period must be between 1000 and 1000000 us, got %s", v));
        cpuShares.ifPresent(v -> check(v >= 2 && v <= 262_144, "cpu shares must be between 2 and 262144, got %s", v));
        cpusetCpus.ifPresent(v -> check(v.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*"), "cpuset cpus must look like 0-2,4, got \"%s\"", v));
        cpusetMems.ifPresent(v -> check(v.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*"), "cpuset mems must look like 0-1, got \"%s\"", v));
        pids.ifPresent(v -> check(v >= 1, "pids limit must be at least 1, got %s", v));
        blkioWeight.ifPresent(v -> check(v >= 10 && v <= 1000, "blkio weight must be between 10 and 1000, got %s", v));
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether no limit at all is set. */
    public boolean isEmpty() {
        return this.equals(NONE);
    }

    /** The cgroup v2 {@code cpu.weight} for {@link #cpuShares()}, as runc converts it. */
    public OptionalInt cpuWeight() {
        return cpuShares.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of((int) (1 + ((cpuShares.getAsInt() - 2L) * 9999L) / 262142L));
    }

    /** The cgroup v2 {@code io.weight} for {@link #blkioWeight()}, as runc converts it. */
    public OptionalInt ioWeight() {
        return blkioWeight.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of((int) (1 + ((blkioWeight.getAsInt() - 10L) * 9999L) / 990L));
    }

    private static void check(boolean ok, String template, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(template, args));
        }
    }

    /** Builds {@link Limits}; every setter replaces an earlier value. */
    public static final class Builder {
        private OptionalLong memoryBytes = OptionalLong.empty();
        private OptionalLong memorySwapBytes = OptionalLong.empty();
        private OptionalLong cpuQuotaMicros = OptionalLong.empty();
        private OptionalLong cpuPeriodMicros = OptionalLong.empty();
        private OptionalInt cpuShares = OptionalInt.empty();
        private Optional<String> cpusetCpus = Optional.empty();
        private Optional<String> cpusetMems = Optional.empty();
        private OptionalLong pids = OptionalLong.empty();
        private OptionalInt blkioWeight = OptionalInt.empty();

        private Builder() {}

        /** Sets {@link Limits#memoryBytes()}. @param bytes the limit @return this builder */
        public Builder memoryBytes(long bytes) {
            memoryBytes = OptionalLong.of(bytes);
            return this;
        }

        /** Sets {@link Limits#memorySwapBytes()}. @param bytes memory plus swap, or -1 @return this builder */
        public Builder memorySwapBytes(long bytes) {
            memorySwapBytes = OptionalLong.of(bytes);
            return this;
        }

        /** Sets {@link Limits#cpuQuotaMicros()}. @param micros the quota @return this builder */
        public Builder cpuQuotaMicros(long micros) {
            cpuQuotaMicros = OptionalLong.of(micros);
            return this;
        }

        /** Sets {@link Limits#cpuPeriodMicros()}. @param micros the period @return this builder */
        public Builder cpuPeriodMicros(long micros) {
            cpuPeriodMicros = OptionalLong.of(micros);
            return this;
        }

        /**
         * Sets quota and period the way {@code docker run --cpus} does: a period of 100 ms and a
         * quota of {@code cpus} times it.
         *
         * @param cpus how many CPUs' worth of time, e.g. 0.5
         * @return this builder
         */
        public Builder cpus(double cpus) {
            if (!(cpus > 0) || Double.isInfinite(cpus)) {
                throw new IllegalArgumentException("cpus must be a positive number, got " + cpus);
            }
            cpuPeriodMicros = OptionalLong.of(100_000);
            cpuQuotaMicros = OptionalLong.of(Math.round(cpus * 100_000));
            return this;
        }

        /** Sets {@link Limits#cpuShares()}. @param shares the weight @return this builder */
        public Builder cpuShares(int shares) {
            cpuShares = OptionalInt.of(shares);
            return this;
        }

        /** Sets {@link Limits#cpusetCpus()}. @param cpus e.g. {@code "0-1"} @return this builder */
        public Builder cpusetCpus(String cpus) {
            cpusetCpus = Optional.of(cpus);
            return this;
        }

        /** Sets {@link Limits#cpusetMems()}. @param mems e.g. {@code "0"} @return this builder */
        public Builder cpusetMems(String mems) {
            cpusetMems = Optional.of(mems);
            return this;
        }

        /** Sets {@link Limits#pids()}. @param max the most tasks @return this builder */
        public Builder pids(long max) {
            pids = OptionalLong.of(max);
            return this;
        }

        /** Sets {@link Limits#blkioWeight()}. @param weight 10 to 1000 @return this builder */
        public Builder blkioWeight(int weight) {
            blkioWeight = OptionalInt.of(weight);
            return this;
        }

        /**
         * Builds the limits.
         *
         * @return the limits
         * @throws IllegalArgumentException if a value is out of range
         */
        public Limits build() {
            OptionalLong period = cpuQuotaMicros.isPresent() && cpuPeriodMicros.isEmpty()
                    ? OptionalLong.of(100_000) : cpuPeriodMicros;
            return new Limits(memoryBytes, memorySwapBytes, cpuQuotaMicros, period, cpuShares, cpusetCpus, cpusetMems,
                    pids, blkioWeight);
        }
    }
}

package dev.stevedore.sandbox;

import static dev.stevedore.sandbox.Sandboxes.stderr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cgroup limits hold against workloads that try to pass them. Nothing here is timed: each test
 * waits, with a generous deadline, for a counter or a message, then asserts on it.
 */
class SandboxLimitsIT {
    @RegisterExtension
    final Sandboxes boxes = new Sandboxes("lim");

    @BeforeEach
    void setUp() {
        Preconditions.requiresSandbox();
    }

    @Test
    void stopsAForkBombAtThePidsLimit() throws Exception {
        // given: PID 1 starts the bomb, then becomes sleep, which needs no fork
        long limit = 32;
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "f(){ f | f & }; f; exec sleep 1000")
                .limits(Limits.builder().pids(limit).build())
                .build();

        // when
        try (Sandbox box = boxes.start(spec)) {
            long[] most = {0};
            boolean refused = Sandboxes.until(() -> {
                most[0] = Math.max(most[0], box.stats().pids());
                return forksRefused(spec) > 0 && stderr(box).contains("can't fork");
            });

            // then: the kernel refused forks at the limit (pids.events), so the count reached it and no further
            assertThat(refused).as("forks refused at the limit; stderr: %s", tail(stderr(box))).isTrue();
            assertThat(stderr(box)).contains("Resource temporarily unavailable");
            assertThat(hostCgroupFile(spec, "pids", "pids.max")).isEqualTo(Long.toString(limit));
            assertThat(most[0]).isLessThanOrEqualTo(limit);
            Path peak = hostCgroupDir(spec, "pids").resolve("pids.peak");
            if (Files.exists(peak)) {
                assertThat(Files.readString(peak).strip()).isEqualTo(Long.toString(limit));
            }

            ExitStatus status = box.stop(Duration.ZERO);
            assertThat(status.exitCode()).isEqualTo(137);
            assertThat(box.stats().pids()).isZero();
        }
        assertThat(boxes.cgroupDirectories()).isEmpty();
    }

    @ParameterizedTest(name = "init {0}")
    @ValueSource(booleans = {false, true})
    void killsAMemoryHogAndReportsTheOom(boolean init) throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "x=a; while :; do x=$x$x; done")
                .limits(Limits.builder().memoryBytes(16L << 20).build())
                .init(init)
                .build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then: in init mode PID 1 survives and exits with the workload's 128 + 9
        assertThat(f.status().oomKilled()).isTrue();
        assertThat(f.status().exitCode()).isEqualTo(137);
        assertThat(f.status().signal()).isEqualTo(init ? OptionalInt.empty() : OptionalInt.of(9));
    }

    @Test
    void reportsNoOomForAProcessKilledOtherwise() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sleep", "1000")
                .limits(Limits.builder().memoryBytes(16L << 20).build())
                .build();

        // when
        ExitStatus status;
        try (Sandbox box = boxes.start(spec)) {
            status = box.stop(Duration.ZERO);
        }

        // then
        assertThat(status.exitCode()).isEqualTo(137);
        assertThat(status.oomKilled()).isFalse();
    }

    @Test
    void throttlesABusyLoopToItsCpuQuota() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "while :; do :; done")
                .limits(Limits.builder().cpus(0.05).build())
                .build();

        // when
        try (Sandbox box = boxes.start(spec)) {
            boolean throttled = Sandboxes.until(() -> box.stats().cpuThrottledPeriods() > 0);

            // then
            assertThat(throttled).as("nr_throttled rises within %s", Sandboxes.DEADLINE).isTrue();
            assertThat(hostCgroupFile(spec, "cpu", "cpu.cfs_quota_us")).isEqualTo("5000");
            assertThat(box.stop(Duration.ZERO).exitCode()).isEqualTo(137);
        }
    }

    @Test
    void rejectsAMemoryLimitBelowSixMebibytesNamingIt() {
        // when / then
        assertThatThrownBy(() -> Limits.builder().memoryBytes(5L << 20).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5242880")
                .hasMessageContaining("6 MiB");
    }

    @Test
    void refusesALimitWhoseControllerTheHostLacksBeforeMakingAnything() throws IOException {
        // given: a unified host whose cgroup2 offers no pids controller
        Path fakeRoot = Files.createDirectory(boxes.tmp().resolve("cgroup2"));
        CgroupLayout layout = new CgroupLayout(CgroupLayout.Mode.UNIFIED, Optional.of(fakeRoot), Map.of(),
                Set.of("cpu", "memory"));
        CgroupHost host = new CgroupHost(layout);

        // when / then
        assertThatThrownBy(() -> host.create("stevedore", "lim-none", Limits.builder().pids(10).build(), List.of()))
                .isInstanceOf(SandboxException.class)
                .hasMessage("pids limit needs the pids cgroup controller, which this host does not offer");
        try (var left = Files.list(fakeRoot)) {
            assertThat(left).isEmpty();
        }
    }

    /** The sandbox's cgroup directory for {@code controller} on the host. */
    private Path hostCgroupDir(SandboxSpec spec, String controller) {
        Path mount = boxes.layout().v1Controllers().containsKey(controller)
                ? boxes.layout().v1Controllers().get(controller) : boxes.layout().unifiedMount().orElseThrow();
        return mount.resolve(spec.cgroupParent()).resolve(spec.id());
    }

    /** A control file of the sandbox's cgroup, read on the host; a v1 CFS quota is read from cpu.max on v2. */
    private String hostCgroupFile(SandboxSpec spec, String controller, String file) throws IOException {
        boolean v1 = boxes.layout().v1Controllers().containsKey(controller);
        String name = !v1 && file.equals("cpu.cfs_quota_us") ? "cpu.max" : file;
        String text = Files.readString(hostCgroupDir(spec, controller).resolve(name)).strip();
        return name.equals("cpu.max") ? text.split(" ")[0] : text;
    }

    /** How many forks the pids controller refused ({@code max} in pids.events). */
    private long forksRefused(SandboxSpec spec) {
        return CgroupFiles.keyed(hostCgroupDir(spec, "pids").resolve("pids.events"), "max").orElse(0);
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}

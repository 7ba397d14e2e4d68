package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sandbox cgroups on this host's real v1 hierarchies, seen as a legacy host (cgroup2 left
 * out), so that freezing and killing go through the v1 freezer.
 */
class CgroupHostV1Test {
    private CgroupLayout layout;
    private ScratchCgroups scratch;

    @BeforeEach
    void seeTheHostAsLegacy() {
        Preconditions.requiresRoot();
        CgroupLayout host = CgroupLayout.detect();
        layout = new CgroupLayout(CgroupLayout.Mode.LEGACY, Optional.empty(), host.v1Controllers(), Set.of());
        scratch = new ScratchCgroups(layout);
    }

    @AfterEach
    void leavesNothingBehind() throws InterruptedException {
        if (scratch != null) {
            assertThat(scratch.cleanUp()).isEmpty();
        }
    }

    @Test
    void writesLimitsIntoEveryV1Controller() throws IOException {
        // given
        requireControllers("memory", "cpu", "cpuset", "pids", "devices", "freezer");
        Limits limits = Limits.builder().memoryBytes(64L << 20).cpuQuotaMicros(1000).cpuPeriodMicros(10_000)
                .cpuShares(512).cpusetCpus("0").pids(10).build();

        // when
        SandboxCgroup cgroup = scratch.create("box", limits, DeviceRule.DOCKER_DEFAULTS);

        // then
        assertThat(cgroup.directories()).hasSameSizeAs(layout.v1Controllers().values().stream().distinct().toList())
                .allMatch(Files::isDirectory);
        assertThat(read("memory", "memory.limit_in_bytes")).isEqualTo("67108864");
        assertThat(read("cpu", "cpu.cfs_period_us")).isEqualTo("10000");
        assertThat(read("cpu", "cpu.cfs_quota_us")).isEqualTo("1000");
        assertThat(read("cpu", "cpu.shares")).isEqualTo("512");
        assertThat(read("cpuset", "cpuset.cpus")).isEqualTo("0");
        assertThat(read("pids", "pids.max")).isEqualTo("10");
        Path cpusetRoot = layout.v1Controllers().get("cpuset");
        assertThat(Files.readString(cpusetRoot.resolve(scratch.parent()).resolve("cpuset.mems")))
                .isEqualTo(Files.readString(cpusetRoot.resolve("cpuset.mems")));
        assertThat(read("cpuset", "cpuset.mems")).isNotBlank();
        assertThat(read("devices", "devices.list").lines()).contains("c 1:3 rwm", "c *:* m", "b *:* m")
                .doesNotContain("a *:* rwm");
        assertThat(cgroup.oomEventsFile()).contains(dir("memory").resolve("memory.oom_control"));
        assertThat(cgroup.oomKillCount()).isZero();
    }

    @Test
    void limitsMemoryPlusSwapWhenTheKernelAccountsSwap() throws IOException {
        // given
        requireControllers("memory");
        Path memsw = layout.v1Controllers().get("memory").resolve("memory.memsw.limit_in_bytes");
        ScratchCgroups.requireHost(Files.exists(memsw), "swap accounting (" + memsw + ")");

        // when
        scratch.create("box", Limits.builder().memoryBytes(64L << 20).memorySwapBytes(96L << 20).build(),
                DeviceRule.DOCKER_DEFAULTS);

        // then
        assertThat(read("memory", "memory.limit_in_bytes")).isEqualTo(Long.toString(64L << 20));
        assertThat(read("memory", "memory.memsw.limit_in_bytes")).isEqualTo(Long.toString(96L << 20));
    }

    @Test
    void throttlesFreezesKillsAndRemovesAProcessThatJoined() throws Exception {
        // given a busy child in a cgroup that may use 1 ms of CPU every 10 ms
        requireControllers("memory", "cpu", "cpuset", "pids", "freezer");
        SandboxCgroup cgroup = scratch.create("box", Limits.builder().memoryBytes(64L << 20).cpuQuotaMicros(1000)
                .cpuPeriodMicros(10_000).cpusetCpus("0").pids(10).build(), DeviceRule.DOCKER_DEFAULTS);
        Process child = scratch.start("sh", "-c", "while :; do :; done");
        ScratchCgroups.join(cgroup, child);

        // when
        boolean throttled = CgroupFiles.await(Duration.ofSeconds(5), () -> {
            CgroupStats now = cgroup.stats();
            return now.cpuThrottledPeriods() > 0 && now.cpuThrottledNanos() > 0; // the time counts once unthrottled
        });
        CgroupStats stats = cgroup.stats();

        // then
        assertThat(throttled).isTrue();
        assertThat(cgroup.pids()).containsExactly(child.pid());
        assertThat(stats.pidsCurrent()).isEqualTo(1);
        assertThat(stats.pidsLimit()).isEqualTo(OptionalLong.of(10));
        assertThat(stats.memoryLimitBytes()).isEqualTo(OptionalLong.of(64L << 20));
        assertThat(stats.cpuPeriods()).isGreaterThanOrEqualTo(stats.cpuThrottledPeriods());
        assertThat(stats.cpuThrottledNanos()).isPositive();
        if (layout.v1Controllers().containsKey("cpuacct")) {
            assertThat(stats.cpuUsageNanos()).isPositive();
        }

        // when frozen, then thawed
        cgroup.freeze();
        boolean frozen = cgroup.isFrozen();
        String state = read("freezer", "freezer.state");
        cgroup.thaw();

        // then
        assertThat(frozen).isTrue();
        assertThat(state).isEqualTo("FROZEN");
        assertThat(cgroup.isFrozen()).isFalse();

        // when killed and removed
        cgroup.killAll();

        // then
        assertThat(child.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(128 + 9);
        assertThat(cgroup.isEmpty()).isTrue();
        assertThat(cgroup.pids()).isEmpty();
        cgroup.remove();
        assertThat(cgroup.directories()).noneMatch(Files::exists);
        cgroup.remove();
    }

    @Test
    void reopensTheCgroupFromItsDirectoriesAndKillsWhatIsInIt() throws Exception {
        // given
        requireControllers("freezer");
        SandboxCgroup made = scratch.create("box", Limits.NONE, DeviceRule.DOCKER_DEFAULTS);
        Process child = scratch.start("sleep", "60");
        ScratchCgroups.join(made, child);

        // when
        SandboxCgroup reopened = new CgroupHost(layout).open(made.directories());
        List<Long> pids = reopened.pids();
        reopened.killAll();
        reopened.remove();

        // then
        assertThat(pids).containsExactly(child.pid());
        assertThat(child.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(made.directories()).noneMatch(Files::exists);
    }

    @Test
    void removesEverythingItCreatedWhenALimitCannotBeWritten() {
        // given a CPU this host does not have
        requireControllers("cpuset");
        Limits limits = Limits.builder().pids(10).cpusetCpus("1023").build();

        // when, then
        assertThatThrownBy(() -> scratch.create("box", limits, DeviceRule.DOCKER_DEFAULTS))
                .isInstanceOf(SandboxException.class)
                .hasMessageStartingWith("cannot write 1023 to " + dir("cpuset").resolve("cpuset.cpus") + ": ");
        assertThat(scratch.parentDirectories()).noneMatch(Files::exists);
    }

    private void requireControllers(String... controllers) {
        for (String c : controllers) {
            ScratchCgroups.requireHost(layout.v1Controllers().containsKey(c), "the v1 " + c + " cgroup controller");
        }
    }

    private Path dir(String controller) {
        return layout.v1Controllers().get(controller).resolve(scratch.parent()).resolve("box");
    }

    private String read(String controller, String file) throws IOException {
        return Files.readString(dir(controller).resolve(file)).trim();
    }
}

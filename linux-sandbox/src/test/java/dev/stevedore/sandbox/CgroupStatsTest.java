package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing the statistics files of both versions, from fake cgroup trees. */
class CgroupStatsTest {
    private static final List<DeviceRule> ALL_DEVICES = List.of(DeviceRule.allow('a', DeviceRule.ANY, DeviceRule.ANY,
            "rwm"));

    @TempDir
    Path root;

    @Test
    void readsV2StatisticsInNanosecondsAndBytes() throws IOException {
        // given
        CgroupLayout layout = new CgroupLayout(CgroupLayout.Mode.UNIFIED, Optional.of(root), Map.of(),
                Set.of("cpu", "memory", "pids"));
        SandboxCgroup cgroup = new CgroupHost(layout).create("s", "box", Limits.NONE, ALL_DEVICES);
        Path dir = root.resolve("s/box");
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n"
                + "nr_periods 7\nnr_throttled 3\nthrottled_usec 250\n");
        Files.writeString(dir.resolve("memory.current"), "8192\n");
        Files.writeString(dir.resolve("memory.max"), "max\n");
        Files.writeString(dir.resolve("memory.peak"), "16384\n");
        Files.writeString(dir.resolve("memory.stat"), "anon 4096\nfile 4096\nkernel 0\n");
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
        Files.writeString(dir.resolve("pids.current"), "2\n");
        Files.writeString(dir.resolve("pids.max"), "10\n");

        // when
        CgroupStats stats = cgroup.stats();

        // then
        assertThat(stats).isEqualTo(new CgroupStats(1_500_000, 1_000_000, 500_000, 7, 3, 250_000, 8192,
                OptionalLong.empty(), 16384, 4096, 2, OptionalLong.of(10)));
        assertThat(cgroup.oomKillCount()).isEqualTo(1);
    }

    @Test
    void readsV1StatisticsAndTreatsTheHugeLimitAsNone() throws IOException {
        // given cpu and cpuacct mounted apart, as on this project's CI hosts
        Map<String, Path> mounts = Map.of("cpu", root.resolve("cpu"), "cpuacct", root.resolve("cpuacct"),
                "memory", root.resolve("memory"), "pids", root.resolve("pids"));
        for (Path mount : mounts.values()) {
            Files.createDirectory(mount);
        }
        CgroupLayout layout = new CgroupLayout(CgroupLayout.Mode.LEGACY, Optional.empty(), mounts, Set.of());
        SandboxCgroup cgroup = new CgroupHost(layout).create("s", "box", Limits.NONE, ALL_DEVICES);
        Path cpuacct = root.resolve("cpuacct/s/box");
        Files.writeString(cpuacct.resolve("cpuacct.usage"), "3000\n");
        Files.writeString(cpuacct.resolve("cpuacct.stat"), "user 1\nsystem 2\n");
        Files.writeString(root.resolve("cpu/s/box/cpu.stat"), "nr_periods 9\nnr_throttled 4\nthrottled_time 777\n");
        Path memory = root.resolve("memory/s/box");
        Files.writeString(memory.resolve("memory.usage_in_bytes"), "4096\n");
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(memory.resolve("memory.max_usage_in_bytes"), "12288\n");
        Files.writeString(memory.resolve("memory.stat"), "cache 0\nrss 4096\ntotal_cache 8192\n");
        Files.writeString(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        Files.writeString(root.resolve("pids/s/box/pids.current"), "1\n");
        Files.writeString(root.resolve("pids/s/box/pids.max"), "max\n");

        // when
        CgroupStats stats = cgroup.stats();

        // then user and system come from ticks of 10 ms when the _user/_sys files are missing
        assertThat(stats).isEqualTo(new CgroupStats(3000, 10_000_000, 20_000_000, 9, 4, 777, 4096,
                OptionalLong.empty(), 12288, 8192, 1, OptionalLong.empty()));
        assertThat(cgroup.oomKillCount()).isEqualTo(2);
    }
}

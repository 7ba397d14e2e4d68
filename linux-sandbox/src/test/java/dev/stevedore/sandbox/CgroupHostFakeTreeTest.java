package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link CgroupHost#create} writes where, against fake cgroup trees in temp directories:
 * plain directories whose control files spring into being when written.
 */
class CgroupHostFakeTreeTest {
    private static final List<DeviceRule> ALL_DEVICES = List.of(DeviceRule.allow('a', DeviceRule.ANY, DeviceRule.ANY,
            "rwm"));

    @TempDir
    Path root;

    @Test
    void enablesControllersOnEveryAncestorAndWritesV2Limits() throws IOException {
        // given
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids hugetlb\n");
        CgroupLayout layout = new CgroupLayout(CgroupLayout.Mode.UNIFIED, Optional.of(root), Map.of(),
                Set.of("cpuset", "cpu", "io", "memory", "pids", "hugetlb"));
        Limits limits = Limits.builder().memoryBytes(64L << 20).cpuQuotaMicros(50_000).cpuShares(1024)
                .cpusetCpus("0").cpusetMems("0").pids(10).blkioWeight(500).build();

        // when
        SandboxCgroup cgroup = new CgroupHost(layout).create("stevedore", "box", limits, ALL_DEVICES);

        // then
        Path leaf = root.resolve("stevedore/box");
        assertThat(cgroup.directories()).containsExactly(leaf);
        assertThat(cgroup.procsFiles()).containsExactly(leaf.resolve("cgroup.procs"));
        assertThat(read(root.resolve("cgroup.subtree_control"))).isEqualTo("+cpuset +cpu +io +memory +pids");
        assertThat(read(root.resolve("stevedore/cgroup.subtree_control"))).isEqualTo("+cpuset +cpu +io +memory +pids");
        assertThat(leaf.resolve("cgroup.subtree_control")).doesNotExist();
        assertThat(read(leaf.resolve("memory.max"))).isEqualTo("67108864");
        assertThat(read(leaf.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(read(leaf.resolve("cpu.weight"))).isEqualTo("39");
        assertThat(read(leaf.resolve("cpuset.cpus"))).isEqualTo("0");
        assertThat(read(leaf.resolve("cpuset.mems"))).isEqualTo("0");
        assertThat(read(leaf.resolve("pids.max"))).isEqualTo("10");
        assertThat(read(leaf.resolve("io.weight"))).isEqualTo("default 4950");
        assertThat(cgroup.oomEventsFile()).contains(leaf.resolve("memory.events"));
    }

    @Test
    void enablesOnlyWhatIsMissingFromSubtreeControl() throws IOException {
        // given a parent that already delegates memory
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "cpu memory pids\n");
        Files.createDirectory(root.resolve("stevedore"));
        Files.writeString(root.resolve("stevedore/cgroup.subtree_control"), "memory\n");
        CgroupLayout layout = new CgroupLayout(CgroupLayout.Mode.UNIFIED, Optional.of(root), Map.of(),
                Set.of("cpu", "memory", "pids"));

        // when
        new CgroupHost(layout).create("stevedore", "box", Limits.NONE, ALL_DEVICES);

        // then
        assertThat(read(root.resolve("cgroup.subtree_control"))).isEqualTo("cpu memory pids");
        assertThat(read(root.resolve("stevedore/cgroup.subtree_control"))).isEqualTo("+cpu +pids");
    }

    @Test
    void splitsAHybridSandboxBetweenV1HierarchiesAndTheUnifiedOne() throws IOException {
        // given cpuset, devices and memory on v1, pids on v2
        Path cpuset = Files.createDirectory(root.resolve("cpuset"));
        Files.writeString(cpuset.resolve("cpuset.cpus"), "0-3\n");
        Files.writeString(cpuset.resolve("cpuset.mems"), "0\n");
        Path devices = Files.createDirectory(root.resolve("devices"));
        Path memory = Files.createDirectory(root.resolve("memory"));
        Path unified = Files.createDirectory(root.resolve("unified"));
        Files.writeString(unified.resolve("cgroup.controllers"), "pids\n");
        CgroupLayout layout = new CgroupLayout(CgroupLayout.Mode.HYBRID, Optional.of(unified),
                Map.of("cpuset", cpuset, "devices", devices, "memory", memory), Set.of("pids"));
        Limits limits = Limits.builder().memoryBytes(64L << 20).pids(10).build();

        // when
        SandboxCgroup cgroup = new CgroupHost(layout).create("a/b", "box", limits, DeviceRule.DOCKER_DEFAULTS);

        // then
        assertThat(cgroup.directories()).containsExactly(cpuset.resolve("a/b/box"), devices.resolve("a/b/box"),
                memory.resolve("a/b/box"), unified.resolve("a/b/box"));
        for (String dir : List.of("a", "a/b", "a/b/box")) {
            assertThat(read(cpuset.resolve(dir).resolve("cpuset.cpus"))).as(dir).isEqualTo("0-3");
            assertThat(read(cpuset.resolve(dir).resolve("cpuset.mems"))).as(dir).isEqualTo("0");
        }
        assertThat(read(memory.resolve("a/b/box/memory.limit_in_bytes"))).isEqualTo("67108864");
        assertThat(read(devices.resolve("a/b/box/devices.deny"))).isEqualTo("a");
        assertThat(read(devices.resolve("a/b/box/devices.allow"))).isEqualTo("c 10:200 rwm");
        for (String dir : List.of("", "a", "a/b")) {
            assertThat(read(unified.resolve(dir).resolve("cgroup.subtree_control"))).as(dir).isEqualTo("+pids");
        }
        assertThat(read(unified.resolve("a/b/box/pids.max"))).isEqualTo("10");
        assertThat(cgroup.oomEventsFile()).contains(memory.resolve("a/b/box/memory.oom_control"));
    }

    @Test
    void refusesALimitWhoseControllerTheHostLacksBeforeCreatingAnything() throws IOException {
        // given
        CgroupLayout layout = new CgroupLayout(CgroupLayout.Mode.UNIFIED, Optional.of(root), Map.of(),
                Set.of("cpu"));
        CgroupHost host = new CgroupHost(layout);

        // when, then
        assertThatThrownBy(() -> host.create("stevedore", "box", Limits.builder().memoryBytes(64L << 20).build(),
                ALL_DEVICES))
                .isInstanceOf(SandboxException.class)
                .hasMessage("memory limit needs the memory cgroup controller, which this host does not offer");
        assertThatThrownBy(() -> host.create("stevedore", "box", Limits.builder().blkioWeight(100).build(),
                ALL_DEVICES))
                .isInstanceOf(SandboxException.class)
                .hasMessage("blkio weight needs the blkio (v1) or io (v2) cgroup controller, "
                        + "which this host does not offer");
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void explainsWhichFilesAreMissingForSwapAndBlkioWeights() throws IOException {
        // given a v1 blkio hierarchy whose kernel has no weights, and v2 memory without swap accounting
        Path blkio = Files.createDirectory(root.resolve("blkio"));
        Path unified = Files.createDirectory(root.resolve("unified"));
        CgroupLayout layout = new CgroupLayout(CgroupLayout.Mode.HYBRID, Optional.of(unified),
                Map.of("blkio", blkio), Set.of("memory"));
        CgroupHost host = new CgroupHost(layout);

        // when, then
        assertThatThrownBy(() -> host.create("s", "box", Limits.builder().blkioWeight(100).build(), ALL_DEVICES))
                .isInstanceOf(SandboxException.class)
                .hasMessage("blkio weight needs blkio.weight or blkio.bfq.weight in " + blkio.resolve("s/box")
                        + ", which this kernel does not offer (its I/O schedulers have no weights)");
        assertThatThrownBy(() -> host.create("s", "box2",
                Limits.builder().memoryBytes(64L << 20).memorySwapBytes(128L << 20).build(), ALL_DEVICES))
                .isInstanceOf(SandboxException.class)
                .hasMessageStartingWith("memory+swap limit needs swap accounting, which this kernel does not offer: "
                        + unified.resolve("s/box2/memory.swap.max") + " does not exist");
        assertThat(blkio.resolve("s")).doesNotExist();
    }

    @Test
    void refusesNamesThatAreNotPlainRelativePaths() {
        CgroupHost host = new CgroupHost(new CgroupLayout(CgroupLayout.Mode.UNIFIED, Optional.of(root), Map.of(),
                Set.of()));

        for (String[] bad : List.of(new String[] {"../up", "box"}, new String[] {"/abs", "box"},
                new String[] {"stevedore", "a/b"}, new String[] {"stevedore", ".."}, new String[] {"", "box"})) {
            assertThatThrownBy(() -> host.create(bad[0], bad[1], Limits.NONE, ALL_DEVICES))
                    .as(String.join(" ", bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void reopensACgroupFromItsRecordedDirectories() throws IOException {
        // given
        Path memory = Files.createDirectory(root.resolve("memory"));
        Path unified = Files.createDirectory(root.resolve("unified"));
        CgroupLayout layout = new CgroupLayout(CgroupLayout.Mode.HYBRID, Optional.of(unified),
                Map.of("memory", memory), Set.of("pids"));
        SandboxCgroup made = new CgroupHost(layout).create("s", "box", Limits.NONE, ALL_DEVICES);

        // when
        SandboxCgroup reopened = new CgroupHost(layout).open(made.directories());

        // then
        assertThat(reopened.directories()).isEqualTo(made.directories());
        assertThat(reopened.oomEventsFile()).isEqualTo(made.oomEventsFile());
        assertThatThrownBy(() -> new CgroupHost(layout).open(List.of(root.resolve("elsewhere/box"))))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("is under none of this host's cgroup mounts");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }
}

package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CgroupLayoutTest {
    private static final String HYBRID = """
            22 27 0:21 / /proc rw,relatime - proc proc rw
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
            34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset,clone_children
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate
            """;

    @Test
    void findsControllersOnBothHierarchiesOfAHybridHost() {
        // given a hybrid host whose v2 root still lists hugetlb and io
        Map<Path, String> files = Map.of(Path.of("/sys/fs/cgroup/unified/cgroup.controllers"),
                "cpuset cpu io memory hugetlb pids\n");

        // when
        CgroupLayout layout = CgroupLayout.from(MountInfo.parseAll(HYBRID),
                p -> Optional.ofNullable(files.get(p)));

        // then controllers bound to v1 are v1 even if the v2 file lists them
        assertThat(layout.mode()).isEqualTo(CgroupLayout.Mode.HYBRID);
        assertThat(layout.v1Controllers()).containsOnlyKeys("cpu", "cpuacct", "cpuset", "memory", "pids");
        assertThat(layout.v1Controllers().get("cpuacct")).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(layout.v2Controllers()).containsExactlyInAnyOrder("io", "hugetlb");
        assertThat(layout.unifiedMount()).contains(Path.of("/sys/fs/cgroup/unified"));
        assertThat(layout.locate("memory")).contains(CgroupLayout.Version.V1);
        assertThat(layout.locate("hugetlb")).contains(CgroupLayout.Version.V2);
        assertThat(layout.locate("rdma")).isEmpty();
    }

    @Test
    void seesEveryControllerOnV2WhenTheHostIsUnified() {
        // given
        String mountinfo = "30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";

        // when
        CgroupLayout layout = CgroupLayout.from(MountInfo.parseAll(mountinfo),
                p -> Optional.of("cpuset cpu io memory pids\n"));

        // then
        assertThat(layout.mode()).isEqualTo(CgroupLayout.Mode.UNIFIED);
        assertThat(layout.v1Controllers()).isEmpty();
        assertThat(layout.v2Controllers()).containsExactlyInAnyOrder("cpuset", "cpu", "io", "memory", "pids");
    }

    @Test
    void reportsLegacyWhenNoCgroup2IsMounted() {
        String mountinfo = "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n";

        CgroupLayout layout = CgroupLayout.from(MountInfo.parseAll(mountinfo), p -> Optional.empty());

        assertThat(layout.mode()).isEqualTo(CgroupLayout.Mode.LEGACY);
        assertThat(layout.unifiedMount()).isEmpty();
        assertThat(layout.locate("memory")).contains(CgroupLayout.Version.V1);
    }

    @Test
    void refusesAHostWithoutAnyCgroupFilesystem() {
        String mountinfo = "22 27 0:21 / /proc rw,relatime - proc proc rw\n";

        assertThatThrownBy(() -> CgroupLayout.from(MountInfo.parseAll(mountinfo), p -> Optional.empty()))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("no cgroup filesystem");
    }

    @Test
    void decodesEscapedMountPoints() {
        String mountinfo = "35 31 0:32 / /mnt/with\\040space rw - cgroup cgroup rw,pids\n";

        CgroupLayout layout = CgroupLayout.from(MountInfo.parseAll(mountinfo), p -> Optional.empty());

        assertThat(layout.v1Controllers().get("pids")).isEqualTo(Path.of("/mnt/with space"));
    }

    @Test
    void detectsThisHost() {
        // the real /proc/self/mountinfo: whatever the layout, memory must be somewhere
        CgroupLayout layout = CgroupLayout.detect();

        assertThat(layout.locate("memory")).isPresent();
        assertThat(layout.locate("pids")).isPresent();
    }
}

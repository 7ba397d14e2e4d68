package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sandbox cgroups on this host as it is detected: on a hybrid host the v2 directory next to
 * the v1 ones carries {@code cgroup.freeze}, {@code cgroup.kill} and {@code cgroup.events}.
 */
class CgroupHostV2Test {
    private CgroupLayout layout;
    private ScratchCgroups scratch;
    /** The same host seen as unified: cgroups only on the cgroup2 mount. */
    private ScratchCgroups v2Only;

    @BeforeEach
    void detectTheHost() {
        Preconditions.requiresRoot();
        layout = CgroupLayout.detect();
        ScratchCgroups.requireHost(layout.unifiedMount().isPresent(), "a cgroup2 mount");
        scratch = new ScratchCgroups(layout);
        v2Only = new ScratchCgroups(new CgroupLayout(CgroupLayout.Mode.UNIFIED, layout.unifiedMount(), Map.of(),
                layout.v2Controllers()));
    }

    @AfterEach
    void leavesNothingBehind() throws InterruptedException {
        if (scratch != null) {
            assertThat(scratch.cleanUp()).isEmpty();
            assertThat(v2Only.cleanUp()).isEmpty();
        }
    }

    @Test
    void addsAV2DirectoryAfterTheV1Ones() {
        // when
        SandboxCgroup cgroup = scratch.create("box", Limits.NONE, DeviceRule.DOCKER_DEFAULTS);

        // then
        Path v2 = layout.unifiedMount().orElseThrow().resolve(scratch.parent()).resolve("box");
        assertThat(cgroup.directories()).last().isEqualTo(v2);
        assertThat(cgroup.directories()).hasSize(layout.v1Controllers().values().stream().distinct().toList().size()
                + 1);
        assertThat(cgroup.procsFiles()).allMatch(Files::exists);
        assertThat(v2.resolve("cgroup.kill")).exists();
    }

    @Test
    void freezesThroughCgroupFreezeAndKillsThroughCgroupKill() throws Exception {
        // given
        SandboxCgroup cgroup = scratch.create("box", Limits.NONE, DeviceRule.DOCKER_DEFAULTS);
        Path v2 = cgroup.directories().get(cgroup.directories().size() - 1);
        Process child = scratch.start("sleep", "60");
        ScratchCgroups.join(cgroup, child);
        assertThat(events(v2, "populated")).hasValue(1);

        // when
        cgroup.freeze();

        // then
        assertThat(events(v2, "frozen")).hasValue(1);
        assertThat(Files.readString(v2.resolve("cgroup.freeze")).trim()).isEqualTo("1");
        assertThat(cgroup.isFrozen()).isTrue();
        assertThat(processState(child)).isIn("S", "D", "T");

        // when
        cgroup.thaw();

        // then
        assertThat(events(v2, "frozen")).hasValue(0);
        assertThat(cgroup.isFrozen()).isFalse();

        // when
        cgroup.killAll();

        // then
        assertThat(child.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(128 + 9);
        assertThat(events(v2, "populated")).hasValue(0);
        assertThat(cgroup.isEmpty()).isTrue();
        cgroup.remove();
        assertThat(cgroup.directories()).noneMatch(Files::exists);
    }

    @Test
    void freezesAndKillsACgroupThatIsOnlyOnCgroup2() throws Exception {
        // given
        SandboxCgroup cgroup = v2Only.create("box", Limits.NONE, DeviceRule.DOCKER_DEFAULTS);
        Path v2 = layout.unifiedMount().orElseThrow().resolve(v2Only.parent()).resolve("box");
        Process child = v2Only.start("sleep", "60");
        ScratchCgroups.join(cgroup, child);
        cgroup.freeze();

        // when
        cgroup.killAll();

        // then
        assertThat(cgroup.directories()).containsExactly(v2);
        assertThat(child.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(128 + 9);
        assertThat(events(v2, "populated")).hasValue(0);
        assertThat(cgroup.pids()).isEmpty();
    }

    private static OptionalLong events(Path dir, String key) {
        return CgroupFiles.keyed(dir.resolve("cgroup.events"), key);
    }

    private static String processState(Process p) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                .filter(l -> l.startsWith("State:")).findFirst().orElseThrow().substring(6).trim().substring(0, 1);
    }
}

package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.posix.Bpf;
import dev.stevedore.posix.Devices;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.testing.Preconditions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eBPF device filter for real: this host's cgroup2 mount, seen as a unified host (so that
 * devices are not on v1), with a shell placed in the sandbox's cgroup.
 */
class CgroupDevicesTest {
    /** Docker's list without /dev/full (c 1:7), which the test then fails to open. */
    private static final List<DeviceRule> WITHOUT_FULL = DeviceRule.DOCKER_DEFAULTS.stream()
            .filter(r -> !(r.major() == 1 && r.minor() == 7)).toList();

    private final Syscalls sys = Syscalls.linux();
    private CgroupLayout layout;
    private ScratchCgroups scratch;

    @TempDir
    Path nodes;

    @BeforeEach
    void seeOnlyCgroup2() {
        Preconditions.requiresRoot();
        CgroupLayout host = CgroupLayout.detect();
        ScratchCgroups.requireHost(host.unifiedMount().isPresent(), "a cgroup2 mount");
        layout = new CgroupLayout(CgroupLayout.Mode.UNIFIED, host.unifiedMount(), Map.of(), host.v2Controllers());
        scratch = new ScratchCgroups(layout);
    }

    @AfterEach
    void leavesNothingBehind() throws InterruptedException {
        if (scratch != null) {
            assertThat(scratch.cleanUp()).isEmpty();
        }
    }

    @Test
    void letsAProcessInTheCgroupUseOnlyTheDevicesItsRulesAllow() throws Exception {
        // given a char device node 1:7 (/dev/full) the rules leave out, which the host itself may open
        Path full = nodes.resolve("full");
        sys.mknodat(Fd.cwd(), full, ModeBits.S_IFCHR | 0666, Devices.makedev(1, 7));
        try (InputStream in = Files.newInputStream(full)) {
            assertThat(in.read()).isZero();
        }
        SandboxCgroup cgroup = scratch.create("box", Limits.NONE, WITHOUT_FULL);
        // (a failed redirection on ':' ends a non-interactive sh, so each open runs in a subshell)
        Process shell = scratch.start("sh", "-c", "read go; head -c1 /dev/zero | od -An -tx1; "
                + "(: < " + full + ") && echo opened full; "
                + "mknod " + nodes.resolve("sda") + " b 8 0 && echo made sda; "
                + "(: < " + nodes.resolve("sda") + ") && echo opened sda; echo done");
        ScratchCgroups.join(cgroup, shell);

        // when
        shell.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
        shell.getOutputStream().flush();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // then
        assertThat(shell.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(output.lines().map(String::trim)).containsExactly(
                "00",
                "sh: 1: cannot open " + full + ": Operation not permitted",
                "made sda",
                "sh: 1: cannot open " + nodes.resolve("sda") + ": Operation not permitted",
                "done");
        try (Fd dir = sys.openat(Fd.cwd(), cgroup.directories().get(0), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY
                | OpenFlags.O_CLOEXEC, 0)) {
            assertThat(sys.bpfProgQuery(dir, Bpf.BPF_CGROUP_DEVICE, 0)).hasSize(1);
        }
    }

    @Test
    void attachesNoProgramWhenTheRulesAllowEverything() {
        // when
        SandboxCgroup cgroup = scratch.create("box", Limits.NONE,
                List.of(DeviceRule.allow('a', DeviceRule.ANY, DeviceRule.ANY, "rwm")));

        // then
        try (Fd dir = sys.openat(Fd.cwd(), cgroup.directories().get(0), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY
                | OpenFlags.O_CLOEXEC, 0)) {
            assertThat(sys.bpfProgQuery(dir, Bpf.BPF_CGROUP_DEVICE, 0)).isEmpty();
        }
        assertThat(layout.v1Controllers()).isEmpty();
        assertThat(cgroup.directories()).hasSize(1);
    }
}

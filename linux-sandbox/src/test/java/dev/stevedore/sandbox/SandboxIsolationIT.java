package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.BusyboxRootfs;
import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a sandbox's workload can see and do, checked from inside with busybox (and a tiny C
 * probe where busybox has no applet): namespaces, read-only and masked paths, capabilities,
 * seccomp, devices, the user, the process settings and the mounts.
 */
class SandboxIsolationIT {
    /** Docker's 14 default capabilities as the kernel prints them in /proc/self/status. */
    private static final long DOCKER_CAPS = 0xa80425fbL;
    private static final long CAP_NET_ADMIN = 1L << 12;
    private static final long CAP_MKNOD = 1L << 27;

    @RegisterExtension
    final Sandboxes boxes = new Sandboxes("iso");

    @BeforeEach
    void setUp() {
        Preconditions.requiresSandbox();
    }

    @Test
    void seesOnlyItsOwnProcessesNotTheHosts() throws Exception {
        // given: sh is PID 1 and expands the glob itself, so no other process of the sandbox exists
        String script = "echo /proc/[0-9]*";

        // when
        Sandboxes.Finished f = boxes.sh(script);

        // then
        assertThat(f.status().exitCode()).isZero();
        assertThat(f.out()).isEqualTo("/proc/1");
        assertThat(ProcessHandle.current().pid()).isNotEqualTo(1);
    }

    @Test
    void hasTheHostNameItWasGiven() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "hostname; cat /etc/hostname").hostname("box-iso")
                .build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        assertThat(f.out().lines()).containsExactly("box-iso", "box-iso");
        assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()).isNotEqualTo("box-iso");
    }

    @Test
    void isNamedAfterItsIdWhenGivenNoHostName() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "hostname; cat /etc/hostname").build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then: the UTS namespace does not keep the host's name
        String expected = spec.id().substring(0, 12);
        assertThat(f.out().lines()).containsExactly(expected, expected);
    }

    @Test
    void hasOnlyAnUpLoopbackInterfaceWithoutNetwork() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c",
                "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; echo ---; ip link show lo").network(Network.none()).build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        String[] parts = f.stdout().split("---\n");
        assertThat(parts[0].strip().lines()).containsExactly("lo");
        assertThat(parts[1]).containsPattern("<[A-Z_,]*\\bUP\\b[A-Z_,]*>");
    }

    @Test
    void cannotMount() throws Exception {
        // when
        Sandboxes.Finished f = boxes.sh("mount -t tmpfs none /mnt; echo rc=$?; grep -c ' /mnt ' /proc/self/mountinfo");

        // then
        assertThat(f.out().lines()).containsExactly("rc=1", "0");
        assertThat(f.stderr()).contains("mount");
    }

    @Test
    void cannotWriteSysrqTriggerOrProcSys() throws Exception {
        // when
        Sandboxes.Finished f = boxes.sh("echo c > /proc/sysrq-trigger; echo sysrq=$?; "
                + "echo 1 > /proc/sys/net/ipv4/ip_forward; echo sys=$?");

        // then
        assertThat(f.out().lines()).containsExactly("sysrq=1", "sys=1");
        assertThat(f.stderr()).contains("/proc/sys/net/ipv4/ip_forward: Read-only file system");
    }

    @Test
    void mountsSysAndItsCgroupsReadOnly() throws Exception {
        // given: a file each hierarchy has
        String pidsMax = boxes.insideCgroupFile("pids", "pids.max", "pids.max");

        // when
        Sandboxes.Finished f = boxes.sh("touch /sys/x; echo sys=$?; touch /sys/fs/cgroup/x; echo cgroup=$?; "
                + "echo 5 > " + pidsMax + "; echo pids=$?; cat " + pidsMax + "; "
                + "grep -E ' /sys(/[^ ]*)? ' /proc/self/mountinfo | cut -d' ' -f5,6");

        // then
        List<String> lines = f.out().lines().toList();
        assertThat(lines.subList(0, 4)).containsExactly("sys=1", "cgroup=1", "pids=1", "max");
        assertThat(f.stderr()).contains("/sys/x: Read-only file system", "/sys/fs/cgroup/x: Read-only file system");
        List<String> sysMounts = lines.subList(4, lines.size());
        assertThat(sysMounts).contains("/sys ro,nosuid,nodev,noexec,relatime", "/sys/fs/cgroup ro,nosuid,nodev,noexec,relatime");
        assertThat(sysMounts).allSatisfy(m -> assertThat(m.split(" ")[1]).startsWith("ro,"));
    }

    @Test
    void showsItsOwnLimitsAndCgroupUnderSysFsCgroup() throws Exception {
        // given: what a JVM reads to size its heap, and the pids limit
        String memoryFile = boxes.insideCgroupFile("memory", "memory.limit_in_bytes", "memory.max");
        String pidsFile = boxes.insideCgroupFile("pids", "pids.max", "pids.max");
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "cat " + memoryFile + " " + pidsFile
                        + "; cut -d: -f3 /proc/self/cgroup | sort -u")
                .limits(Limits.builder().memoryBytes(64L << 20).pids(50).build())
                .build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then: its own limits, and the cgroup namespace makes its cgroup the root
        assertThat(f.out().lines()).containsExactly(Long.toString(64L << 20), "50", "/");
    }

    @Test
    void seesNoCgroupButItsOwnOnAnyHierarchy() throws Exception {
        // given another sandbox's cgroup on every hierarchy; each hierarchy is mounted at
        // /sys/fs/cgroup/<name> (or, unified, at /sys/fs/cgroup itself)
        int depth = boxes.layout().mode() == CgroupLayout.Mode.UNIFIED ? 1 : 2;
        try (Sandbox other = boxes.start(boxes.spec(boxes.newRootfs(), "sleep", "1000").build())) {
            // when
            Sandboxes.Finished f = boxes.sh("ls /sys/fs/cgroup; find /sys/fs/cgroup -mindepth " + depth
                    + " -type d | head -5; echo end");

            // then every hierarchy shows only the sandbox's own cgroup, which has no children
            assertThat(other.isRunning()).isTrue();
            if (depth == 2) {
                assertThat(f.out().lines()).contains("memory", "pids", "cpu", "cpuacct", "cpuset").endsWith("end");
            }
            assertThat(f.out().lines().filter(l -> l.startsWith("/"))).isEmpty();
        }
    }

    @Test
    void holdsDockersCapabilitiesByDefault() throws Exception {
        // when
        Map<String, Long> caps = capabilities(boxes.sh("grep ^Cap /proc/self/status"));

        // then
        assertThat(caps).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CapInh", 0L, "CapPrm", DOCKER_CAPS, "CapEff", DOCKER_CAPS, "CapBnd", DOCKER_CAPS, "CapAmb", 0L));
    }

    @Test
    void holdsTheCapabilitiesAddedAndNotTheOnesDropped() throws Exception {
        // given
        Security security = Security.dockerDefaults().withCapabilities(List.of("NET_ADMIN"), List.of("MKNOD"));
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "grep ^Cap /proc/self/status").security(security)
                .build();

        // when
        Map<String, Long> caps = capabilities(boxes.run(spec));

        // then
        long expected = (DOCKER_CAPS | CAP_NET_ADMIN) & ~CAP_MKNOD;
        assertThat(expected).isEqualTo(0xa00435fbL);
        assertThat(caps).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CapInh", 0L, "CapPrm", expected, "CapEff", expected, "CapBnd", expected, "CapAmb", 0L));
    }

    @Test
    void losesItsCapabilitiesAsAnotherUserButKeepsTheBoundingSet() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), ProcessSpec.of("sh", "-c", "grep ^Cap /proc/self/status")
                .withEnv(List.of("PATH=/bin")).withUser("app")).build();

        // when
        Map<String, Long> caps = capabilities(boxes.run(spec));

        // then
        assertThat(caps).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CapInh", 0L, "CapPrm", 0L, "CapEff", 0L, "CapBnd", DOCKER_CAPS, "CapAmb", 0L));
    }

    @Test
    void cannotCreateAUserNamespace() throws Exception {
        // when
        Sandboxes.Finished f = boxes.sh("unshare -U true; echo rc=$?");

        // then
        assertThat(f.out()).isEqualTo("rc=1");
        assertThat(f.stderr()).contains("Operation not permitted");
    }

    @Test
    void cannotUseTheKernelKeyring() throws Exception {
        // given
        BusyboxRootfs rootfs = boxes.newRootfs();
        ProbeProgram.installInto(rootfs);

        // when
        Sandboxes.Finished f = boxes.run(boxes.spec(rootfs, "sh", "-c", "probe keyctl; probe add_key").build());

        // then: EPERM (1) from the seccomp filter
        assertThat(f.out().lines()).containsExactly("keyctl errno 1", "add_key errno 1");
    }

    @Test
    void reachesTheKernelKeyringWhenUnconfined() throws Exception {
        // given
        BusyboxRootfs rootfs = boxes.newRootfs();
        ProbeProgram.installInto(rootfs);
        SandboxSpec spec = boxes.spec(rootfs, "sh", "-c", "probe keyctl; probe add_key")
                .security(Security.dockerDefaults().withSeccomp(Seccomp.unconfined()))
                .build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then: whatever the kernel answers, it is not the filter's EPERM
        assertThat(f.out().lines()).hasSize(2).noneMatch(l -> l.endsWith(" errno 1"));
    }

    @Test
    void canCreateADiskDeviceNodeButNotOpenIt() throws Exception {
        // when
        Sandboxes.Finished f = boxes.sh("mknod /tmp/sda b 8 0; echo mknod=$?; ls -l /tmp/sda | cut -c1; "
                + "head -c 1 /tmp/sda > /dev/null; echo open=$?");

        // then
        assertThat(f.out().lines()).containsExactly("mknod=0", "b", "open=1");
        assertThat(f.stderr()).contains("/tmp/sda: Operation not permitted");
    }

    @Test
    void seesMaskedProcFilesEmpty() throws Exception {
        // given: the host's files have content
        assertThat(Files.readString(Path.of("/proc/keys"))).isNotEmpty();
        assertThat(Files.readString(Path.of("/proc/timer_list"))).isNotEmpty();

        // when
        Sandboxes.Finished f = boxes.sh("for p in /proc/keys /proc/timer_list /proc/kcore; do "
                + "if [ -e $p ]; then echo $p $(wc -c < $p); else echo $p absent; fi; done; ls -A /sys/firmware | wc -l");

        // then: /proc/kcore exists only on kernels with CONFIG_PROC_KCORE
        String kcore = Files.exists(Path.of("/proc/kcore")) ? "/proc/kcore 0" : "/proc/kcore absent";
        assertThat(f.out().lines()).containsExactly("/proc/keys 0", "/proc/timer_list 0", kcore, "0");
    }

    @Test
    void cannotWriteAReadOnlyRootfsExceptOnATmpfs() throws Exception {
        // given
        BusyboxRootfs rootfs = boxes.newRootfs();
        SandboxSpec spec = boxes.spec(rootfs, "sh", "-c", "touch /x; echo root=$?; touch /tmp/y; echo tmp=$?")
                .security(Security.dockerDefaults().withReadOnlyRootfs(true))
                .mount(Mount.tmpfs("/tmp", 1L << 20, 01777))
                .build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        assertThat(f.out().lines()).containsExactly("root=1", "tmp=0");
        assertThat(f.stderr()).contains("/x: Read-only file system");
        assertThat(rootfs.resolve("/x")).doesNotExist();
        assertThat(rootfs.resolve("/tmp/y")).doesNotExist();
    }

    @ParameterizedTest(name = "no_new_privs {0}")
    @ValueSource(booleans = {false, true})
    void showsNoNewPrivsAsConfigured(boolean on) throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "grep", "^NoNewPrivs:", "/proc/self/status")
                .security(Security.dockerDefaults().withNoNewPrivileges(on))
                .build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        assertThat(f.out()).isEqualTo("NoNewPrivs:\t" + (on ? 1 : 0));
    }

    @Test
    void runsAsANamedUserWithItsGroupsAndHome() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), ProcessSpec.of("sh", "-c", "id -u; id -g; id -G; echo $HOME")
                .withEnv(List.of("PATH=/bin")).withUser("app")).build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        List<String> lines = f.out().lines().toList();
        assertThat(lines.subList(0, 2)).containsExactly("1000", "1000");
        assertThat(lines.get(2).split(" ")).contains("50").doesNotContain("0");
        assertThat(lines.get(3)).isEqualTo("/home/app");
    }

    @Test
    void keepsTheHomeTheEnvironmentSets() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), ProcessSpec.of("sh", "-c", "echo $HOME")
                .withEnv(List.of("PATH=/bin", "HOME=/srv")).withUser("app")).build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        assertThat(f.out()).isEqualTo("/srv");
    }

    @Test
    void runsAsANumericUserAndGroup() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), ProcessSpec.of("sh", "-c", "id -u; id -g")
                .withEnv(List.of("PATH=/bin")).withUser("1000:50")).build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        assertThat(f.out().lines()).containsExactly("1000", "50");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ghost", "app:ghosts"})
    void refusesToStartAsAnUnknownUserOrGroup(String user) {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(),
                ProcessSpec.of("id").withEnv(List.of("PATH=/bin")).withUser(user)).build();
        String unknown = user.contains(":") ? "group " + user.substring(user.indexOf(':') + 1) : "user " + user;

        // when / then
        assertThatThrownBy(() -> boxes.start(spec))
                .isInstanceOfSatisfying(SandboxStartException.class, e -> {
                    assertThat(e.step()).isEqualTo(SandboxStep.USER);
                    assertThat(e.detail()).contains("unable to find " + unknown);
                })
                .hasMessageContaining("unable to find " + unknown);
        assertThat(spec.stateDir()).doesNotExist();
    }

    @Test
    void appliesUmaskRlimitsEnvironmentAndWorkingDirectory() throws Exception {
        // given
        BusyboxRootfs rootfs = boxes.newRootfs();
        ProcessSpec process = ProcessSpec.of("sh", "-c", "umask; ulimit -n; ulimit -Hn; echo $GREETING; pwd; "
                        + "touch f; stat -c %a f")
                .withEnv(List.of("PATH=/bin", "GREETING=hello"))
                .withUmask(027)
                .withRlimits(List.of(Rlimit.of(Rlimit.Resource.NOFILE, 100, 200)))
                .withCwd("/srv/work");

        // when
        Sandboxes.Finished f = boxes.run(boxes.spec(rootfs, process).build());

        // then
        assertThat(f.out().lines()).containsExactly("0027", "100", "200", "hello", "/srv/work", "640");
        assertThat(rootfs.resolve("/srv/work/f")).exists();
    }

    @Test
    void bindsHostDirectoriesReadWriteAndReadOnly() throws Exception {
        // given
        Path rw = Files.createDirectory(boxes.tmp().resolve("rw"));
        Path ro = Files.createDirectory(boxes.tmp().resolve("ro"));
        Files.writeString(ro.resolve("kept"), "original");
        Path file = Files.writeString(boxes.tmp().resolve("app.conf"), "setting=1");
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "echo written > /rw/new; echo rw=$?; "
                        + "echo changed > /ro/kept; echo ro=$?; cat /ro/kept; echo; "
                        + "echo changed > /etc/app.conf; echo file=$?; cat /etc/app.conf")
                .mount(Mount.bind(rw, "/rw"))
                .mount(Mount.bind(ro, "/ro").asReadOnly())
                .mount(Mount.bind(file, "/etc/app.conf").asReadOnly())
                .build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        assertThat(f.out().lines()).containsExactly("rw=0", "ro=1", "original", "file=1", "setting=1");
        assertThat(f.stderr()).contains("/ro/kept: Read-only file system", "/etc/app.conf: Read-only file system");
        assertThat(rw.resolve("new")).hasContent("written");
        assertThat(ro.resolve("kept")).hasContent("original");
        assertThat(file).hasContent("setting=1");
    }

    @Test
    void mountsATmpfsWithItsSizeAndMode() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "stat -c %a /scratch; "
                        + "grep ' /scratch ' /proc/self/mountinfo | grep -o 'size=[0-9a-z]*'; "
                        + "dd if=/dev/zero of=/scratch/f bs=1024 count=2048 2>/dev/null; echo dd=$?")
                .mount(Mount.tmpfs("/scratch", 1L << 20, 01777))
                .build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        assertThat(f.out().lines()).containsExactly("1777", "size=1024k", "dd=1");
    }

    @ParameterizedTest(name = "evil -> {0}")
    @ValueSource(strings = {"/etc", "../../../../../../../../etc"})
    void keepsAMountThroughASymlinkInsideTheRoot(String linkTarget) throws Exception {
        // given: the image's /evil points at /etc, which must mean the image's /etc, never the host's
        BusyboxRootfs rootfs = boxes.newRootfs();
        Files.createSymbolicLink(rootfs.resolve("/evil"), Path.of(linkTarget));
        Path data = Files.createDirectory(boxes.tmp().resolve("data"));
        Files.writeString(data.resolve("marker"), "from the host");
        String name = "stevedore-escape-" + Long.toHexString(System.nanoTime());
        String hostMounts = Files.readString(Path.of("/proc/self/mountinfo"));
        SandboxSpec spec = boxes.spec(rootfs, "sh", "-c", "cat /etc/" + name + "/marker; echo inside > /etc/" + name + "/note")
                .mount(Mount.bind(data, "/evil/" + name))
                .build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then: the mount landed in the rootfs's /etc, and the host's /etc never saw it
        assertThat(f.out()).isEqualTo("from the host");
        assertThat(data.resolve("note")).hasContent("inside");
        assertThat(rootfs.resolve("/etc/" + name)).isDirectory();
        assertThat(Path.of("/etc", name)).doesNotExist();
        assertThat(mountPointsUnderEtc(Files.readString(Path.of("/proc/self/mountinfo"))))
                .isEqualTo(mountPointsUnderEtc(hostMounts));
        Files.delete(rootfs.resolve("/evil"));
    }

    @ParameterizedTest(name = "{0} -> /tmp")
    @ValueSource(strings = {"/proc", "/dev", "/sys"})
    void refusesAnImageWhoseKernelFileSystemDirectoryIsASymlink(String dir) throws IOException {
        // given
        BusyboxRootfs rootfs = boxes.newRootfs();
        Path link = rootfs.resolve(dir);
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("/tmp"));
        SandboxSpec spec = boxes.spec(rootfs, "true").build();

        // when / then
        assertThatThrownBy(() -> boxes.start(spec))
                .isInstanceOfSatisfying(SandboxStartException.class, e -> {
                    assertThat(e.step()).as(e.getMessage()).isEqualTo(SandboxStep.MOUNT_TARGET);
                    assertThat(e.detail()).isEqualTo(dir);
                })
                .hasMessageContaining(dir);
        assertThat(spec.stateDir()).doesNotExist();
        Files.delete(link);
    }

    private static List<String> mountPointsUnderEtc(String mountinfo) {
        return MountInfo.parseAll(mountinfo).stream().map(MountInfo::mountPoint)
                .filter(m -> m.equals("/etc") || m.startsWith("/etc/")).sorted().toList();
    }

    /** The capability sets from {@code grep ^Cap /proc/self/status}. */
    private static Map<String, Long> capabilities(Sandboxes.Finished f) {
        assertThat(f.status().exitCode()).as("stderr: %s", f.stderr()).isZero();
        Map<String, Long> caps = new HashMap<>();
        f.out().lines().map(l -> l.split(":\\s+")).forEach(kv -> caps.put(kv[0], Long.parseUnsignedLong(kv[1], 16)));
        assertThat(caps.keySet()).as("lines %s", Arrays.toString(f.out().lines().toArray())).hasSize(5);
        return caps;
    }
}

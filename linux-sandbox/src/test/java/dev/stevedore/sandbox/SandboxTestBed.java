package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.BusyboxRootfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One test's sandboxes: a runtime, fresh busybox rootfs directories and state directories
 * under the test's temp directory, and the check that closing left nothing behind (no mount
 * under the temp directory, no cgroup directory, no process).
 *
 * <pre>{@code
 * bed = new SandboxTestBed(tmp, "iso");
 * Finished f = bed.run(bed.spec(bed.rootfs(), "sh", "-c", "hostname").build());
 * ...
 * bed.closeAndCheck(); // in @AfterEach
 * }</pre>
 */
final class SandboxTestBed {
    /** How long any sandbox of these tests may take to end by itself. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /**
     * How a sandbox ended and what it wrote.
     *
     * @param status its exit status
     * @param stdout its standard output
     * @param stderr its standard error
     */
    record Finished(ExitStatus status, String stdout, String stderr) {
        /** @return standard output without the final newline */
        String out() {
            return stdout.strip();
        }
    }

    private final Path tmp;
    private final String prefix;
    private final SandboxRuntime runtime = SandboxRuntime.create();
    private final List<String> ids = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();
    private final CgroupLayout layout = CgroupLayout.detect();
    private int rootfsCount;

    SandboxTestBed(Path tmp, String prefix) {
        this.tmp = tmp;
        this.prefix = prefix;
    }

    CgroupLayout layout() {
        return layout;
    }

    /** A fresh busybox root file system of its own. */
    BusyboxRootfs rootfs() {
        return BusyboxRootfs.createIn(tmp.resolve("rootfs-" + rootfsCount++));
    }

    /** A spec for {@code args} in {@code rootfs} with PATH=/bin and an id this bed checks on close. */
    SandboxSpec.Builder spec(BusyboxRootfs rootfs, String... args) {
        return spec(rootfs, ProcessSpec.of(args).withEnv(List.of("PATH=/bin")));
    }

    /** A new sandbox id, which this bed checks on close. */
    String newId() {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        ids.add(id);
        return id;
    }

    /** A spec for {@code process} in {@code rootfs} with an id this bed checks on close. */
    SandboxSpec.Builder spec(BusyboxRootfs rootfs, ProcessSpec process) {
        String id = newId();
        return SandboxSpec.builder(tmp.resolve("state-" + id), Rootfs.directory(rootfs.root()), process).id(id);
    }

    /** Starts a sandbox and remembers its processes for the check on close. */
    Sandbox start(SandboxSpec spec) {
        Sandbox box = runtime.start(spec);
        pids.add(box.pid());
        pids.add(box.shimPid());
        return box;
    }

    /** Runs a sandbox to its end (at most {@link #DEADLINE}) and closes it. */
    Finished run(SandboxSpec spec) throws InterruptedException {
        try (Sandbox box = start(spec)) {
            Optional<ExitStatus> status = box.waitFor(DEADLINE);
            assertThat(status).as("sandbox %s ends within %s", spec.id(), DEADLINE).isPresent();
            return new Finished(status.get(), new String(box.stdout(), StandardCharsets.UTF_8),
                    new String(box.stderr(), StandardCharsets.UTF_8));
        }
    }

    /** Runs {@code sh -c script} in a fresh busybox rootfs with the defaults. */
    Finished sh(String script) throws InterruptedException {
        return run(spec(rootfs(), "sh", "-c", script).build());
    }

    /** Polls {@code condition} until it holds or {@link #DEADLINE} passes; never decides a result by time alone. */
    static boolean until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Closes the runtime (and with it every sandbox still open), then checks that nothing is
     * left: no mount at or under the temp directory in this process's mount namespace, no
     * cgroup directory of a sandbox id on any hierarchy, no sandbox or shim process.
     */
    void closeAndCheck() throws IOException {
        runtime.close();
        assertThat(mountsUnder(tmp)).as("mounts left under %s", tmp).isEmpty();
        assertThat(cgroupDirectories()).as("cgroup directories left").isEmpty();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("process %s of a sandbox is gone", pid).isEmpty();
        }
        try (Stream<Path> states = Files.list(tmp)) {
            assertThat(states.filter(p -> p.getFileName().toString().startsWith("state-")).toList())
                    .as("state directories left").isEmpty();
        }
    }

    /** The mount points in this process's mount namespace at or under {@code dir}. */
    static List<String> mountsUnder(Path dir) throws IOException {
        String prefix = dir.toString();
        return MountInfo.parseAll(Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)).stream()
                .map(MountInfo::mountPoint)
                .filter(m -> m.equals(prefix) || m.startsWith(prefix + "/"))
                .toList();
    }

    /**
     * Where a sandbox sees one of its cgroup's control files under its /sys/fs/cgroup: in the v1
     * hierarchy of {@code controller} when the host has one, else on cgroup2 (at the top on a
     * unified host, in the cgroup2 mount's directory on a hybrid one).
     */
    static String insideCgroupFile(CgroupLayout layout, String controller, String v1File, String v2File) {
        Path v1 = layout.v1Controllers().get(controller);
        if (v1 != null) {
            return "/sys/fs/cgroup/" + v1.getFileName() + "/" + v1File;
        }
        if (layout.mode() == CgroupLayout.Mode.UNIFIED) {
            return "/sys/fs/cgroup/" + v2File;
        }
        return "/sys/fs/cgroup/" + layout.unifiedMount().orElseThrow().getFileName() + "/" + v2File;
    }

    /** The cgroup directories of this bed's sandboxes that exist on any hierarchy. */
    List<Path> cgroupDirectories() {
        List<Path> mounts = new ArrayList<>(layout.v1Controllers().values());
        layout.unifiedMount().ifPresent(mounts::add);
        List<Path> left = new ArrayList<>();
        for (Path mount : mounts.stream().distinct().toList()) {
            for (String id : ids) {
                Path dir = mount.resolve("stevedore").resolve(id);
                if (Files.exists(dir)) {
                    left.add(dir);
                }
            }
        }
        return left;
    }
}

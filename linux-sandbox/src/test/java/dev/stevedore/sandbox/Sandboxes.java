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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandboxes one integration test starts, as a JUnit 5 extension: each test gets a temp
 * directory of its own, busybox root file systems and a state root in it, and one runtime.
 * The fixture remembers every sandbox id, state directory and pid it saw; after the test it
 * closes every sandbox still open (removing detached ones and those another JVM left), closes
 * the runtime, checks that nothing is left on the host, and deletes the temp directory.
 *
 * <p>Nothing that needs a sandbox-capable host is made before a test asks for it, so a test
 * that {@code Preconditions.requiresSandbox()} skips touches nothing.
 *
 * <pre>{@code
 * class SomethingIT {
 *     @RegisterExtension
 *     final Sandboxes boxes = new Sandboxes("some");
 *
 *     @Test
 *     void works() throws Exception {
 *         Preconditions.requiresSandbox();
 *         Sandboxes.Finished f = boxes.sh("hostname");
 *         Sandbox box = boxes.start(boxes.builder(Sandboxes.process("sleep", "100")));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>What "nothing left" means: no process of a sandbox that this JVM started attached (not
 * even a zombie), no running process of any other sandbox seen (a zombie counts as gone: on a
 * host whose init does not reap, a detached shim's corpse lingers without holding anything),
 * no stevedore-init of this JVM, no mount at or under the temp directory and no mount table
 * line mentioning it, no cgroup directory {@code <hierarchy>/stevedore/<id>} of a sandbox id
 * seen, no state directory (neither one seen nor anything else under the state root).
 */
final class Sandboxes implements BeforeEachCallback, AfterEachCallback {
    /** How long any sandbox of these tests may take to end by itself. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /** The environment of {@link #process(String...)}. */
    static final List<String> PATH_ENV = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");

    /**
     * How a sandbox (or a process run in one) ended and what it wrote.
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

    private final String idPrefix;
    private Path tmp;
    private Path stateRoot;
    private BusyboxRootfs rootfs;
    private SandboxRuntime runtime;
    private CgroupLayout layout;
    private int stateDirCount;
    private int rootfsCount;
    private final List<Sandbox> started = new ArrayList<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Set<Path> stateDirs = ConcurrentHashMap.newKeySet();
    /** Pids that must not run at the end; a zombie counts as gone. */
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();
    /** Pids that must be gone at the end, zombie included: this JVM or its shims reap them. */
    private final Set<Long> reapedPids = ConcurrentHashMap.newKeySet();

    /** A fixture whose {@link #newId() ids} start with {@code box-}. */
    Sandboxes() {
        this("box");
    }

    /** A fixture whose {@link #newId() ids} start with {@code idPrefix-}. */
    Sandboxes(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) throws IOException {
        tmp = Files.createTempDirectory("stevedore-" + idPrefix + "-");
        stateRoot = tmp.resolve("state");
        rootfs = null;
        runtime = null;
        layout = null;
        stateDirCount = 0;
        rootfsCount = 0;
        synchronized (started) {
            started.clear();
        }
        ids.clear();
        stateDirs.clear();
        pids.clear();
        reapedPids.clear();
    }

    /**
     * Closes every sandbox this test started and the runtime, checks that nothing is left, then
     * deletes the temp directory (kept, for a look, when a mount is left under it).
     */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Throwable failure = null;
        try {
            closeAll();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            assertNothingLeft();
        } catch (AssertionError | IOException | RuntimeException e) {
            failure = addTo(e, failure); // what was left matters more than how closing failed
        }
        try {
            if (Leftovers.mountPointsUnder(tmp).isEmpty() && Leftovers.mountsMentioning(tmp).isEmpty()) {
                StateDirs.delete(tmp); // never follows a symlink out of it
            }
        } catch (IOException | RuntimeException e) {
            failure = addTo(failure, e);
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure instanceof Exception e) {
            throw e;
        }
    }

    /** The test's temp directory, deleted after the test. */
    synchronized Path tmp() {
        return tmp;
    }

    /** The directory holding every state directory; made by the runtime, not by this fixture. */
    synchronized Path stateRoot() {
        return stateRoot;
    }

    /** The test's busybox rootfs, made on first use; {@link #builder(ProcessSpec)} runs in it. */
    synchronized BusyboxRootfs rootfs() {
        if (rootfs == null) {
            rootfs = BusyboxRootfs.createIn(tmp.resolve("rootfs"));
        }
        return rootfs;
    }

    /** A fresh busybox rootfs of its own, made anew on every call. */
    synchronized BusyboxRootfs newRootfs() {
        return BusyboxRootfs.createIn(tmp.resolve("rootfs-" + rootfsCount++));
    }

    /** The runtime, made on first use and closed after the test. */
    synchronized SandboxRuntime runtime() {
        if (runtime == null) {
            runtime = SandboxRuntime.create();
        }
        return runtime;
    }

    /** This host's cgroup layout, detected on first use. */
    synchronized CgroupLayout layout() {
        if (layout == null) {
            layout = CgroupLayout.detect();
        }
        return layout;
    }

    /** A fresh state directory path under the state root (not created). */
    synchronized Path newStateDir() {
        return stateRoot.resolve("box-" + (++stateDirCount));
    }

    /** A new sandbox id, {@code prefix-} and 8 hex digits, whose cgroups are checked after the test. */
    String newId() {
        String id = idPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        ids.add(id);
        return id;
    }

    /** Runs {@code args} as a process with {@link #PATH_ENV}. */
    static ProcessSpec process(String... args) {
        return ProcessSpec.of(args).withEnv(PATH_ENV);
    }

    /**
     * A builder for {@code process} in the test's {@link #rootfs() rootfs} with a fresh state
     * directory and the id the spec itself chooses.
     */
    SandboxSpec.Builder builder(ProcessSpec process) {
        return SandboxSpec.builder(newStateDir(), Rootfs.directory(rootfs().root()), process);
    }

    /**
     * A builder for {@code args} in {@code rootfs} with PATH=/bin, a fresh state directory and a
     * {@link #newId() new id}.
     */
    SandboxSpec.Builder spec(BusyboxRootfs rootfs, String... args) {
        return spec(rootfs, ProcessSpec.of(args).withEnv(List.of("PATH=/bin")));
    }

    /** A builder for {@code process} in {@code rootfs} with a fresh state directory and a {@link #newId() new id}. */
    SandboxSpec.Builder spec(BusyboxRootfs rootfs, ProcessSpec process) {
        return SandboxSpec.builder(newStateDir(), Rootfs.directory(rootfs.root()), process).id(newId());
    }

    /** Notes a spec's id and state directory, so they are checked even if its start fails. */
    SandboxSpec track(SandboxSpec spec) {
        ids.add(spec.id());
        stateDirs.add(spec.stateDir());
        return spec;
    }

    /**
     * Notes a sandbox (started, or found again with {@code attach}) and its pids, which must not
     * run after the test; closes it (removes it, if detached) after the test.
     */
    Sandbox track(Sandbox box) {
        ids.add(box.id());
        stateDirs.add(box.stateDir());
        pids.add(box.pid());
        pids.add(box.shimPid());
        synchronized (started) {
            started.add(box);
        }
        return box;
    }

    /** Starts a sandbox and remembers it; an attached one's processes must be reaped by the end. */
    Sandbox start(SandboxSpec spec) {
        Sandbox box = track(runtime().start(track(spec)));
        if (!box.detached()) {
            reapedPids.add(box.pid());
            reapedPids.add(box.shimPid());
        }
        return box;
    }

    /** Starts a sandbox built from {@code builder} and remembers it. */
    Sandbox start(SandboxSpec.Builder builder) {
        return start(builder.build());
    }

    /** Runs a sandbox to its end (at most {@link #DEADLINE}) and closes it. */
    Finished run(SandboxSpec spec) throws InterruptedException {
        try (Sandbox box = start(spec)) {
            Optional<ExitStatus> status = box.waitFor(DEADLINE);
            assertThat(status).as("sandbox %s ends within %s", spec.id(), DEADLINE).isPresent();
            return new Finished(status.get(), stdout(box), stderr(box));
        }
    }

    /**
     * Runs {@code sh -c script} in a {@link #newRootfs() fresh rootfs} with the defaults of
     * {@link #spec(BusyboxRootfs, String...)}.
     */
    Finished sh(String script) throws InterruptedException {
        return run(spec(newRootfs(), "sh", "-c", script).build());
    }

    /** Runs {@code process} in {@code box} to its end (at most {@link #DEADLINE}); see {@link #trackPid(long)}. */
    Finished exec(Sandbox box, ProcessSpec process) throws InterruptedException {
        try (ExecProcess p = box.exec(process)) {
            trackPid(p.pid());
            ExitStatus status = p.waitFor(DEADLINE).orElseThrow(() -> new AssertionError("exec did not end"));
            return new Finished(status, new String(p.stdout(), StandardCharsets.UTF_8),
                    new String(p.stderr(), StandardCharsets.UTF_8));
        }
    }

    /** Notes a sandbox another JVM started, so that it is removed and checked after the test. */
    void trackForeign(String id, Path stateDir, long pid, long shimPid) {
        ids.add(id);
        stateDirs.add(stateDir);
        pids.add(pid);
        pids.add(shimPid);
    }

    /** Notes a pid (of a process run in a sandbox this test started) that must be gone, zombie included, at the end. */
    void trackPid(long pid) {
        reapedPids.add(pid);
    }

    /** The cgroup directories of the sandbox ids seen that exist on any hierarchy. */
    List<Path> cgroupDirectories() {
        return ids.stream().sorted().flatMap(id -> Leftovers.cgroupDirs("stevedore", id).stream()).toList();
    }

    /**
     * Where a sandbox sees one of its cgroup's control files under its /sys/fs/cgroup: in the v1
     * hierarchy of {@code controller} when the host has one, else on cgroup2 (at the top on a
     * unified host, in the cgroup2 mount's directory on a hybrid one).
     */
    String insideCgroupFile(String controller, String v1File, String v2File) {
        Path v1 = layout().v1Controllers().get(controller);
        if (v1 != null) {
            return "/sys/fs/cgroup/" + v1.getFileName() + "/" + v1File;
        }
        if (layout().mode() == CgroupLayout.Mode.UNIFIED) {
            return "/sys/fs/cgroup/" + v2File;
        }
        return "/sys/fs/cgroup/" + layout().unifiedMount().orElseThrow().getFileName() + "/" + v2File;
    }

    /** Writes a file in the test's {@link #rootfs() rootfs} (parents made as needed); returns its host path. */
    Path writeInRootfs(String pathInRootfs, String content) throws IOException {
        Path file = rootfs().resolve(pathInRootfs);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; false if it never did. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Polls {@code condition} until it holds or {@link #DEADLINE} passes; never decides a result by time alone. */
    static boolean until(BooleanSupplier condition) throws InterruptedException {
        return await(DEADLINE, condition);
    }

    /** What a sandbox wrote to stdout so far, as text. */
    static String stdout(Sandbox box) {
        return new String(box.stdout(), StandardCharsets.UTF_8);
    }

    /** What a sandbox wrote to stderr so far, as text. */
    static String stderr(Sandbox box) {
        return new String(box.stderr(), StandardCharsets.UTF_8);
    }

    /** Closes every sandbox this test started (removing detached ones), removes those another JVM left, closes the runtime. */
    private void closeAll() {
        RuntimeException failure = null;
        List<Sandbox> boxes;
        synchronized (started) {
            boxes = List.copyOf(started);
            started.clear();
        }
        for (Sandbox box : boxes) {
            try {
                if (box.detached()) {
                    box.remove();
                } else {
                    box.close();
                }
            } catch (RuntimeException e) {
                failure = addTo(failure, e);
            }
        }
        // Sandboxes another JVM started and a failed test never got to remove.
        for (Path dir : stateDirs) {
            if (Files.exists(dir.resolve(SandboxState.FILE))) {
                try {
                    runtime().attach(dir).remove();
                } catch (RuntimeException e) {
                    failure = addTo(failure, e);
                }
            }
        }
        synchronized (this) {
            if (runtime != null) {
                try {
                    runtime.close();
                } catch (RuntimeException e) {
                    failure = addTo(failure, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** {@code first}, with {@code next} suppressed in it; whichever is not null when the other is. */
    private static <T extends Throwable> T addTo(T first, T next) {
        if (first == null) {
            return next;
        }
        if (next != null) {
            first.addSuppressed(next);
        }
        return first;
    }

    /** Checks that no sandbox of this test left anything behind; see the class comment. */
    private void assertNothingLeft() throws IOException {
        for (long pid : reapedPids) {
            assertThat(Leftovers.present(pid)).as("process %s of a sandbox is gone, not even a zombie", pid)
                    .isFalse();
        }
        for (long pid : pids) {
            assertThat(Leftovers.running(pid)).as("process %s still runs", pid).isFalse();
        }
        assertThat(Leftovers.shimsOfThisJvm()).as("stevedore-init processes of this JVM").isEmpty();
        assertThat(Leftovers.mountPointsUnder(tmp)).as("mounts left under %s", tmp).isEmpty();
        assertThat(Leftovers.mountsMentioning(tmp)).as("mounts mentioning %s", tmp).isEmpty();
        for (String id : ids) {
            assertThat(Leftovers.cgroupDirs("stevedore", id)).as("cgroup directories of sandbox %s", id).isEmpty();
        }
        for (Path dir : stateDirs) {
            assertThat(dir).as("state directory").doesNotExist();
        }
        if (Files.isDirectory(stateRoot)) {
            try (Stream<Path> left = Files.list(stateRoot)) {
                assertThat(left.toList()).as("state directories left under %s", stateRoot).isEmpty();
            }
        }
    }
}

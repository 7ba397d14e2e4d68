package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.BusyboxRootfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The sandboxes one integration test starts, in a temp directory of its own: a busybox
 * rootfs, a state root, one runtime. Remembers every id, state directory and pid it saw so
 * that {@link #assertNothingLeft()} can check the host afterwards.
 *
 * <pre>{@code
 * try (Sandboxes boxes = new Sandboxes(tmp)) {
 *     Sandbox box = boxes.start(boxes.builder(ProcessSpec.of("true")).build());
 *     ...
 * }
 * boxes.assertNothingLeft();
 * }</pre>
 */
final class Sandboxes implements AutoCloseable {
    static final List<String> PATH_ENV = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");

    private final Path tmp;
    private final Path stateRoot;
    private BusyboxRootfs rootfs;
    private SandboxRuntime runtime;
    private final List<Sandbox> started = new ArrayList<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Set<Path> stateDirs = ConcurrentHashMap.newKeySet();
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();
    private int counter;

    Sandboxes(Path tmp) {
        this.tmp = tmp;
        this.stateRoot = tmp.resolve("state");
    }

    /** The directory holding every state directory. */
    Path stateRoot() {
        return stateRoot;
    }

    /** The busybox rootfs, made on first use. */
    synchronized BusyboxRootfs rootfs() {
        if (rootfs == null) {
            rootfs = BusyboxRootfs.createIn(tmp.resolve("rootfs"));
        }
        return rootfs;
    }

    /** The runtime, made on first use. */
    synchronized SandboxRuntime runtime() {
        if (runtime == null) {
            runtime = SandboxRuntime.create();
        }
        return runtime;
    }

    /** A fresh state directory path under the state root (not created). */
    synchronized Path newStateDir() {
        return stateRoot.resolve("box-" + (++counter));
    }

    /** Runs {@code args} as a process with a PATH, in the busybox rootfs. */
    static ProcessSpec process(String... args) {
        return ProcessSpec.of(args).withEnv(PATH_ENV);
    }

    /** A builder for a sandbox in the busybox rootfs with a fresh state directory. */
    SandboxSpec.Builder builder(ProcessSpec process) {
        return SandboxSpec.builder(newStateDir(), Rootfs.directory(rootfs().root()), process);
    }

    /** Notes a spec's id and state directory, so they are checked even if its start fails. */
    SandboxSpec track(SandboxSpec spec) {
        ids.add(spec.id());
        stateDirs.add(spec.stateDir());
        return spec;
    }

    /** Notes a sandbox's pids, and closes it with this fixture. */
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

    /** Starts a sandbox and remembers it. */
    Sandbox start(SandboxSpec spec) {
        return track(runtime().start(track(spec)));
    }

    /** Starts a sandbox built from {@code builder} and remembers it. */
    Sandbox start(SandboxSpec.Builder builder) {
        return start(builder.build());
    }

    /** Notes a sandbox another JVM started, so that it is removed and checked at the end. */
    void trackForeign(String id, Path stateDir, long pid, long shimPid) {
        ids.add(id);
        stateDirs.add(stateDir);
        pids.add(pid);
        pids.add(shimPid);
    }

    /** Notes a pid that must be gone at the end. */
    void trackPid(long pid) {
        pids.add(pid);
    }

    /** Closes every sandbox this fixture started (removing detached ones), then the runtime. */
    @Override
    public void close() {
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
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        // Sandboxes another JVM started and a failed test never got to remove.
        for (Path dir : stateDirs) {
            if (Files.exists(dir.resolve(SandboxState.FILE))) {
                try {
                    runtime().attach(dir).remove();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        synchronized (this) {
            if (runtime != null) {
                runtime.close();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Checks that no sandbox of this test left anything: no process (shim or workload), no
     * mount mentioning the temp directory, no cgroup directory, no state directory.
     */
    void assertNothingLeft() {
        for (long pid : pids) {
            assertThat(Leftovers.running(pid)).as("process %s still runs", pid).isFalse();
        }
        assertThat(Leftovers.shimsOfThisJvm()).as("stevedore-init processes of this JVM").isEmpty();
        assertThat(Leftovers.mountsMentioning(tmp)).as("mounts mentioning %s", tmp).isEmpty();
        for (String id : ids) {
            assertThat(Leftovers.cgroupDirs("stevedore", id)).as("cgroup directories of sandbox %s", id).isEmpty();
        }
        for (Path dir : stateDirs) {
            assertThat(dir).as("state directory").doesNotExist();
        }
    }

    /** Waits (at most {@code timeout}) until {@code condition} holds; false if it never did. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** What a sandbox wrote to stdout so far, as text. */
    static String stdout(Sandbox box) {
        return new String(box.stdout(), StandardCharsets.UTF_8);
    }

    /** Writes a file inside the rootfs (parents made as needed) and returns its host path. */
    Path writeInRootfs(String pathInRootfs, String content) throws IOException {
        Path file = rootfs().resolve(pathInRootfs);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}

package dev.stevedore.sandbox;

import dev.stevedore.posix.Fd;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Starts sandboxes and finds them again. Holds the sealed stevedore-init memfd, the host's
 * cgroup layout, one long-lived spawner thread (an attached shim dies with the thread that
 * spawned it, through PR_SET_PDEATHSIG) and the I/O threads that read attached shims.
 * Closing the runtime kills the sandboxes it started attached; detached ones live on.
 *
 * <pre>{@code
 * try (SandboxRuntime runtime = SandboxRuntime.create();
 *      Sandbox box = runtime.start(SandboxSpec.builder(stateDir, Rootfs.directory(rootfs),
 *              ProcessSpec.of("echo", "hello")).build())) {
 *     box.waitFor();
 * }
 * }</pre>
 */
public final class SandboxRuntime implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STARTING_GRACE = Duration.ofSeconds(60);

    private final CgroupHost cgroups;
    private final CgroupLayout layout;
    private final ExecutorService spawner;
    private final ExecutorService io;
    private final Set<RealSandbox> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SandboxRuntime(CgroupLayout layout) {
        this.layout = layout;
        this.cgroups = new CgroupHost(layout);
        this.spawner = Executors.newSingleThreadExecutor(threads("stevedore-spawner"));
        this.io = Executors.newCachedThreadPool(threads("stevedore-sandbox-io"));
    }

    /**
     * A runtime for this host.
     *
     * @return the runtime
     * @throws SandboxException if the cgroup layout cannot be read
     */
    public static SandboxRuntime create() {
        return new SandboxRuntime(CgroupLayout.detect());
    }

    /**
     * Starts a sandbox whose output only goes to its buffers and log.
     *
     * @param spec what to start
     * @return the running sandbox
     * @throws SandboxStartException if a step of the start failed; nothing is left behind
     */
    public Sandbox start(SandboxSpec spec) {
        return start(spec, OutputListener.NONE);
    }

    /**
     * Starts a sandbox, streaming its output to {@code listener} while attached.
     *
     * @param spec what to start
     * @param listener receives stdout and stderr as they arrive
     * @return the running sandbox
     * @throws SandboxStartException if a step of the start failed; nothing is left behind
     * @throws SandboxException if this process is not root, or the spec cannot be satisfied here
     */
    public Sandbox start(SandboxSpec spec, OutputListener listener) {
        ensureOpen();
        requireRoot();
        Path dir = spec.stateDir();
        boolean madeDir = !Files.exists(dir);
        SandboxCgroup cgroup = null;
        ShimSession session = null;
        requireRootfs(spec); // before anything is made on disk
        try {
            prepareStateDir(dir);
            Path rootTarget = rootTarget(spec, dir);
            List<Mount> etc = EtcFiles.write(spec);
            cgroup = cgroups.create(spec.cgroupParent(), spec.id(), spec.limits(), spec.security().devices());
            SandboxState state = new SandboxState(spec.id(), "starting", spec.detached(), 0, 0, 0,
                    cgroup.directories(), List.of(), Instant.now(), spec.logMaxFiles());
            state.write(dir);
            Optional<byte[]> bpf = spec.security().seccomp().compile(spec.security().capabilities());
            byte[] config = RunConfig.forRun(spec, cgroup, layout, bpf, rootTarget, etc);
            session = new ShimSession(spec.id(), spawn(Optional.of(dir.resolve("shim.log"))));
            ShimSession.Ready ready = startWithin(session, config);
            List<PublishedPort> ports = new ArrayList<>();
            for (int i = 0; i < ready.ports().size(); i++) {
                int[] p = ready.ports().get(i);
                ports.add(new PublishedPort(p[0] == 17 ? PortMapping.Protocol.UDP : PortMapping.Protocol.TCP,
                        spec.ports().get(i).hostIp(), p[2], p[1]));
            }
            state = state.running(ready.pid(), ready.shimPid(), ProcStat.startTicks(ready.shimPid()).orElse(0L), ports);
            state.write(dir);
            Optional<Fd> pidfd = openPidfd(ready.pid());
            RealSandbox sandbox = new RealSandbox(this, state, dir, cgroup, spec.security(), Optional.of(session), pidfd);
            if (!spec.detached()) {
                open.add(sandbox);
                session.pump(io, listener, sandbox::shimLost);
            }
            return sandbox;
        } catch (RuntimeException e) {
            abandon(session, cgroup, dir, madeDir, e);
            throw e;
        }
    }

    /**
     * Finds a sandbox again through its state directory, e.g. a detached one started by
     * another JVM.
     *
     * @param stateDir the sandbox's state directory
     * @return a handle on it; {@link Sandbox#stdout()} is empty, {@link Sandbox#logs()} has its output
     * @throws SandboxException if the directory holds no sandbox
     */
    public Sandbox attach(Path stateDir) {
        ensureOpen();
        SandboxState state = SandboxState.read(stateDir).orElseThrow(
                () -> new SandboxException("no sandbox in " + stateDir + " (no " + SandboxState.FILE + ")"));
        if (!state.phase().equals("running")) {
            throw new SandboxException("sandbox " + state.id() + " in " + stateDir + " never finished starting");
        }
        SandboxCgroup cgroup = cgroups.open(state.cgroups());
        Optional<Fd> pidfd = shimAlive(state) ? openPidfd(state.pid()) : Optional.empty();
        RealSandbox sandbox = new RealSandbox(this, state, stateDir, cgroup, Security.dockerDefaults(),
                Optional.empty(), pidfd);
        if (!state.detached()) {
            open.add(sandbox);
        }
        return sandbox;
    }

    /**
     * Removes what dead sandboxes left under {@code root}: for every state directory whose
     * shim no longer holds its lock, kills whatever still runs in its cgroups and removes them;
     * an attached sandbox's state directory goes too, a detached one's stays as a record of
     * how it ended. Sandboxes with a live shim, and directories that are not sandboxes, are
     * left alone.
     *
     * @param root the directory holding sandbox state directories
     * @return what was done
     */
    public SweepReport sweep(Path root) {
        ensureOpen();
        List<String> removed = new ArrayList<>();
        List<String> records = new ArrayList<>();
        List<String> live = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (NoSuchFileException e) {
            return new SweepReport(removed, records, live, problems);
        } catch (IOException e) {
            throw new SandboxException("cannot list sandbox states in " + root, e);
        }
        for (Path dir : dirs) {
            Optional<SandboxState> state;
            try {
                state = SandboxState.read(dir);
            } catch (SandboxException e) {
                problems.add(dir + ": " + e.getMessage());
                continue;
            }
            if (state.isEmpty()) {
                continue;
            }
            SandboxState st = state.get();
            try (FileChannel ch = FileChannel.open(dir.resolve("shim.lock"), StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE);
                    FileLock lock = ch.tryLock()) {
                if (lock == null) {
                    live.add(st.id());
                    continue;
                }
                if (st.phase().equals("starting")
                        && st.created().plus(STARTING_GRACE).isAfter(Instant.now())) {
                    live.add(st.id()); // another JVM may be starting it right now
                    continue;
                }
                SandboxCgroup cgroup = cgroups.open(st.cgroups());
                if (!cgroup.isEmpty()) {
                    cgroup.killAll();
                }
                cgroup.remove();
                if (st.detached() && st.phase().equals("running")) {
                    records.add(st.id());
                } else {
                    lock.release();
                    StateDirs.delete(dir);
                    removed.add(st.id());
                }
            } catch (IOException | SandboxException e) {
                problems.add(dir + ": " + e.getMessage());
            }
        }
        return new SweepReport(removed, records, live, problems);
    }

    /**
     * A pidfd for the workload, so signals never reach a process that reused its pid; an
     * invalid descriptor when the workload already ended and was reaped.
     */
    private static Optional<Fd> openPidfd(long pid) {
        try {
            return Optional.of(Syscalls.linux().pidfdOpen(pid, 0));
        } catch (PosixException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code process} inside {@code sandbox}. */
    ExecProcess exec(RealSandbox sandbox, ProcessSpec process) {
        ensureOpen();
        Security sec = sandbox.security();
        byte[] config = RunConfig.forExec(sandbox.pid(), process, sec, sandbox.cgroup(),
                sec.seccomp().compile(sec.capabilities()));
        ShimSession session = new ShimSession(sandbox.id(), spawn(Optional.empty()));
        try {
            ShimSession.Ready ready = startWithin(session, config);
            RealExec exec = new RealExec(sandbox.id(), session, ready.pid());
            session.pump(io, OutputListener.NONE, () -> session.exit.complete(
                    new ExitStatus(137, java.util.OptionalInt.of(9), false, Optional.empty())));
            return exec;
        } catch (RuntimeException e) {
            session.process().destroyForcibly();
            throw e;
        }
    }

    /**
     * Completes when the shim recorded in {@code state} has exited. Polls /proc rather than
     * using {@link ProcessHandle#onExit()}: a detached shim is not our child, and when its
     * adoptive parent does not reap (a JVM that is PID 1 of a container, a subreaper) its
     * zombie would count as alive there forever.
     */
    CompletableFuture<Void> shimExit(SandboxState state) {
        CompletableFuture<Void> gone = new CompletableFuture<>();
        pollShim(state, gone, 10);
        return gone;
    }

    private void pollShim(SandboxState state, CompletableFuture<Void> gone, long delayMillis) {
        if (!shimAlive(state)) {
            gone.complete(null);
            return;
        }
        CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, r -> {
            try {
                io.execute(r);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                gone.completeExceptionally(new SandboxException("this SandboxRuntime is closed", e));
            }
        }).execute(() -> pollShim(state, gone, Math.min(delayMillis * 2, 200)));
    }

    /** Waits (bounded) until the shim has exited, so its cgroup and files are no longer in use. */
    void awaitShimGone(SandboxState state) throws InterruptedException {
        try {
            shimExit(state).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // the cgroup removal that follows reports what is still busy
        }
    }

    void forget(RealSandbox sandbox) {
        open.remove(sandbox);
    }

    /** Whether the shim named in {@code state} is still the process that pid holds. */
    private static boolean shimAlive(SandboxState state) {
        if (state.shimPid() <= 0) {
            return false;
        }
        Optional<Long> ticks = ProcStat.startTicks(state.shimPid());
        return ticks.isPresent() && (state.shimStartTicks() == 0 || ticks.get() == state.shimStartTicks());
    }

    private ShimSession.Ready startWithin(ShimSession session, byte[] config) {
        CompletableFuture<ShimSession.Ready> ready = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, io).execute(() -> {
            if (!ready.isDone()) {
                session.process().destroyForcibly();
                if (session.daemonPid() > 0) {
                    ProcessHandle.of(session.daemonPid()).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        });
        ShimSession.Ready r = session.start(config);
        ready.complete(r);
        return r;
    }

    /** Starts stevedore-init on the long-lived spawner thread, the thread its PR_SET_PDEATHSIG follows. */
    private ShimProcess spawn(Optional<Path> stderr) {
        Path exe = InitBinary.get().execPath();
        try {
            return spawner.submit(() -> ShimProcess.spawn(exe, stderr, io)).get();
        } catch (ExecutionException e) {
            throw new SandboxException("cannot start stevedore-init", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting stevedore-init", e);
        }
    }

    private void abandon(ShimSession session, SandboxCgroup cgroup, Path dir, boolean madeDir, RuntimeException failure) {
        try {
            if (session != null) {
                session.process().destroyForcibly();
                if (session.daemonPid() > 0) {
                    ProcessHandle.of(session.daemonPid()).ifPresent(ProcessHandle::destroyForcibly);
                }
                session.process().waitFor(10, TimeUnit.SECONDS);
            }
            if (cgroup != null) {
                if (!cgroup.isEmpty()) {
                    cgroup.killAll();
                }
                cgroup.remove();
            }
            if (madeDir) {
                StateDirs.delete(dir);
            } else {
                for (String f : List.of(SandboxState.FILE, "shim.lock", "shim.log", "container.log", "exit.json",
                        "hostname", "hosts", "resolv.conf")) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                Files.deleteIfExists(dir.resolve("rootfs"));
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
        }
    }

    private static void prepareStateDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new SandboxException("cannot create the state directory " + dir, e);
        }
        Optional<SandboxState> existing = SandboxState.read(dir);
        if (existing.isPresent() && shimAlive(existing.get())) {
            throw new SandboxException("state directory " + dir + " belongs to running sandbox " + existing.get().id());
        }
    }

    private static void requireRootfs(SandboxSpec spec) {
        if (spec.rootfs() instanceof Rootfs.Directory d) {
            if (!Files.isDirectory(d.dir())) {
                throw new SandboxException("rootfs " + d.dir() + " does not exist or is not a directory");
            }
            return;
        }
        for (Path lower : ((Rootfs.Overlay) spec.rootfs()).lowers()) {
            if (!Files.isDirectory(lower)) {
                throw new SandboxException("overlay lower directory " + lower + " does not exist");
            }
        }
    }

    private static Path rootTarget(SandboxSpec spec, Path dir) {
        if (spec.rootfs() instanceof Rootfs.Directory d) {
            return d.dir();
        }
        Rootfs.Overlay o = (Rootfs.Overlay) spec.rootfs();
        try {
            Files.createDirectories(o.upper());
            Files.createDirectories(o.work());
            return Files.createDirectories(dir.resolve("rootfs"));
        } catch (IOException e) {
            throw new SandboxException("cannot create the overlay directories for sandbox " + spec.id(), e);
        }
    }

    private static void requireRoot() {
        if (Syscalls.linux().geteuid() != 0) {
            throw new SandboxException("running a sandbox requires root in Stevedore 0.1 (rootless comes later); "
                    + "this process runs as uid " + Syscalls.linux().geteuid());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this SandboxRuntime is closed");
        }
    }

    /**
     * Closes every attached sandbox this runtime started, then stops its threads. Detached
     * sandboxes keep running. Closing twice is harmless.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        SandboxException failure = null;
        for (RealSandbox s : List.copyOf(open)) {
            try {
                s.close();
            } catch (SandboxException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        spawner.shutdownNow();
        io.shutdownNow();
        if (failure != null) {
            throw failure;
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Reads a live (not zombie) process's start time from /proc, to tell a live shim from a reused pid. */
    static final class ProcStat {
        private ProcStat() {}

        static Optional<Long> startTicks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (f[0].equals("Z") || f[0].equals("X")) {
                    return Optional.empty(); // a zombie holds no lock and no files: its parent just has not reaped it
                }
                return Optional.of(Long.parseLong(f[19])); // field 22 overall; 20th after "(comm) "
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}

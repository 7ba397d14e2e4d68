package dev.stevedore;

import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxException;
import dev.stevedore.sandbox.SandboxStats;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@link Container} handle: every call reads the container's record (so it sees what other
 * JVMs did) and acts through the live sandbox when this engine started it, through
 * {@code SandboxRuntime.attach} when it runs detached, and through its pid otherwise.
 */
final class RealContainer implements Container {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FOREVER = Duration.ofDays(365 * 100);

    private final ContainerManager manager;
    private final String id;
    private final String name;
    private final boolean owned;
    private volatile Optional<LiveContainer> started;
    private volatile boolean closed;

    RealContainer(ContainerManager manager, String id, String name, boolean owned, Optional<LiveContainer> started) {
        this.manager = manager;
        this.id = id;
        this.name = name;
        this.owned = owned;
        this.started = started;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ContainerInfo info() {
        return manager.info(current());
    }

    @Override
    public Container start() {
        ContainerRecord r = current();
        if (r.status() != ContainerStatus.CREATED) {
            throw new ContainerConflictException(id, "container " + ContainerId.shortOf(id) + " (" + name
                    + ") has been started already; Stevedore 0.1 does not restart containers");
        }
        started = manager.launch(r, owned).started;
        return this;
    }

    @Override
    public List<PortBinding> ports() {
        return info().ports();
    }

    @Override
    public int mappedPort(int containerPort) {
        List<PortBinding> ports = ports();
        return ports.stream().filter(p -> p.containerPort() == containerPort && p.protocol() == PortProtocol.TCP)
                .findFirst().or(() -> ports.stream().filter(p -> p.containerPort() == containerPort).findFirst())
                .map(PortBinding::hostPort)
                .orElseThrow(() -> new IllegalArgumentException("container port " + containerPort
                        + " is not published by container " + ContainerId.shortOf(id) + " (published: " + ports + ")"));
    }

    @Override
    public List<LogLine> logs() {
        ContainerRecords records = manager.records();
        if (started.isPresent() && !started.get().finished().isDone()
                && started.get().sandbox().exitStatus().isPresent()) {
            // It has ended but its end is still being recorded: the shim may not have written its
            // last output yet, and an auto-removed container's log goes with its state. Wait for
            // the record, after which the log is complete (kept, or in memory for auto-remove).
            manager.awaitFinished(started.get(), LiveContainers.CLOSE_WAIT);
        }
        if (started.isPresent() && started.get().finished().isDone() && records.read(id).isEmpty()) {
            return started.get().lastLogs(); // auto-removed: what it logged, kept in memory
        }
        Path kept = records.logsDir(id);
        if (Files.isDirectory(kept)) {
            return LogFiles.readAll(kept);
        }
        List<LogLine> lines = LogFiles.readAll(records.stateDir(id));
        if (lines.isEmpty() && Files.isDirectory(kept)) {
            return LogFiles.readAll(kept); // its state went while we read
        }
        return lines;
    }

    @Override
    public LogFollower followLogs() {
        ContainerRecords records = manager.records();
        return new LogFollower(() -> Files.isDirectory(records.logsDir(id)) ? records.logsDir(id) : records.stateDir(id),
                () -> exitStatus().isPresent() || manager.records().read(id).isEmpty(), () -> started.map(l -> {
                    // auto-removed here: its log went with its files, after it was kept in memory
                    LiveContainers.awaitFinished(l, LiveContainers.CLOSE_WAIT);
                    return l.lastLogs();
                }), WaitClock.SYSTEM);
    }

    @Override
    public Optional<ContainerExit> exitStatus() {
        Optional<ContainerRecord> r = manager.records().read(id).flatMap(manager::refresh);
        if (r.isEmpty()) {
            Optional<LiveContainer> l = started.or(() -> manager.live(id));
            return l.flatMap(LiveContainer::exit)
                    .or(() -> l.flatMap(x -> x.sandbox().exitStatus()).map(ContainerReaper::exitOf));
        }
        ContainerInfo info = manager.info(r.get());
        return info.status() == ContainerStatus.EXITED
                ? Optional.of(new ContainerExit(info.exitCode().orElse(ContainerExit.LOST), r.get().oomKilled(),
                        info.finishedAt()))
                : Optional.empty();
    }

    @Override
    public ContainerExit waitFor() {
        return waitFor(FOREVER).orElseThrow();
    }

    @Override
    public Optional<ContainerExit> waitFor(Duration timeout) {
        Optional<LiveContainer> l = manager.live(id).or(() -> started);
        if (l.isPresent()) {
            Optional<ContainerExit> exit = manager.awaitEnd(l.get(), timeout);
            if (exit.isPresent()) {
                return exit;
            }
            if (!l.get().finished().isDone()) {
                return Optional.empty();
            }
        }
        long deadline = System.nanoTime() + (timeout.compareTo(FOREVER) >= 0 ? Long.MAX_VALUE / 4 : timeout.toNanos());
        while (true) {
            Optional<ContainerRecord> r = manager.records().read(id);
            if (r.isPresent() && r.get().status() == ContainerStatus.CREATED) {
                throw new ContainerException(id, "container " + ContainerId.shortOf(id) + " (" + name
                        + ") was never started");
            }
            Optional<ContainerExit> exit = exitStatus();
            if (exit.isPresent()) {
                return exit;
            }
            if (r.isEmpty()) {
                throw new ContainerNotFoundException(id, manager.engine().home().toString());
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerException(id, "interrupted while waiting for container " + id, e);
            }
        }
    }

    @Override
    public Container waitUntil(WaitStrategy strategy) {
        WaitLoop.await(strategy, this, WaitClock.SYSTEM);
        return this;
    }

    @Override
    public Set<Integer> listeningPorts() {
        ContainerRecord r = current();
        if (r.status() != ContainerStatus.RUNNING || !ContainerProcs.alive(r.pid(), r.pidStart())) {
            return Set.of();
        }
        return ContainerProcs.listeningPorts(r.pid().getAsLong());
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        ContainerRecord r = runningRecord("exec " + request.cmd());
        return withSandbox(r, "exec " + request.cmd(), sandbox -> ContainerExec.run(sandbox, r, request));
    }

    @Override
    public ContainerExit stop() {
        return stop(current().stopTimeout());
    }

    @Override
    public ContainerExit stop(Duration timeout) {
        ContainerRecord r = current();
        if (r.status() != ContainerStatus.RUNNING) {
            return r.exit().orElseGet(() -> exitStatus().orElse(ContainerReaper.lost()));
        }
        int signal = r.run().stopSignalNumber();
        Optional<LiveContainer> l = manager.live(id);
        if (l.isPresent()) {
            l.get().use(sandbox -> ContainerStop.stop(sandbox, signal, timeout));
            return manager.awaitFinished(l.get(), Duration.ofSeconds(30)).orElseGet(this::waitFor);
        }
        if (r.detached()) {
            Sandbox sandbox = manager.engine().sandboxRuntime().attach(manager.records().stateDir(id));
            ContainerExit exit = ContainerStop.stop(sandbox, signal, timeout);
            manager.reaper().finish(id, exit, Optional.of(sandbox));
            return exit;
        }
        ContainerStop.stopByPid(r, signal, timeout);
        return waitFor();
    }

    @Override
    public void kill(String signal) {
        int number = ContainerSignal.parse(signal);
        ContainerRecord r = runningRecord("kill");
        Optional<LiveContainer> l = manager.live(id);
        if (l.isPresent()) {
            l.get().use(sandbox -> {
                try {
                    sandbox.kill(number);
                    return null;
                } catch (SandboxException e) {
                    throw notRunning("kill");
                }
            });
            return;
        }
        if (!ContainerProcs.alive(r.pid(), r.pidStart())) {
            throw notRunning("kill");
        }
        try {
            Syscalls.linux().kill(r.pid().getAsLong(), number);
        } catch (PosixException e) {
            throw new ContainerException(id, "cannot send signal " + signal + " to container " + id, e);
        }
    }

    @Override
    public ContainerStats stats() {
        ContainerRecord r = runningRecord("stats");
        SandboxStats s = withSandbox(r, "stats", Sandbox::stats);
        return new ContainerStats(s.cpuUsageNanos(), s.cpuThrottledPeriods(), s.memoryUsageBytes(),
                s.memoryLimitBytes(), s.pids());
    }

    @Override
    public void copyTo(Path hostPath, String containerPath) {
        try (ContainerRoot root = ContainerRoot.open(manager, current())) {
            ContainerCopy.toContainer(root, hostPath, containerPath);
        }
    }

    @Override
    public void copyTo(InputStream tar, String containerDir) {
        try (ContainerRoot root = ContainerRoot.open(manager, current())) {
            ContainerCopy.untarInto(root, tar, containerDir);
        }
    }

    @Override
    public void copyFrom(String containerPath, Path hostPath) {
        try (ContainerRoot root = ContainerRoot.open(manager, current())) {
            ContainerCopy.fromContainer(root, containerPath, hostPath);
        }
    }

    @Override
    public void copyFrom(String containerPath, OutputStream tar) {
        try (ContainerRoot root = ContainerRoot.open(manager, current())) {
            ContainerCopy.tarFrom(root, containerPath, tar);
        }
    }

    @Override
    public Image commit(CommitOptions options) {
        return new ContainerCommit(manager).commit(current(), options);
    }

    @Override
    public void remove(boolean force) {
        manager.remove(id, force);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!owned || manager.isClosed()) {
            return;
        }
        if (started.isPresent() && started.get().exit().isPresent()) {
            return; // it ended and its end is recorded (with auto-remove, it is removed): nothing to stop or wait for
        }
        Optional<ContainerRecord> r = manager.records().read(id);
        if (r.isPresent() && r.get().status() == ContainerStatus.RUNNING) {
            stop();
        } else if (r.isPresent() && r.get().status() == ContainerStatus.CREATED && r.get().autoRemove()) {
            manager.remove(id, true);
        }
        // its end may be being recorded (and, with auto-remove, the container removed) right now
        started.ifPresent(l -> manager.awaitFinished(l, LiveContainers.CLOSE_WAIT));
    }

    @Override
    public String toString() {
        return "Container[" + ContainerId.shortOf(id) + ", " + name + "]";
    }

    private ContainerRecord current() {
        ContainerRecord r = manager.records().read(id)
                .orElseThrow(() -> new ContainerNotFoundException(id, manager.engine().home().toString()));
        return manager.refresh(r).orElseThrow(() -> new ContainerNotFoundException(id, manager.engine().home().toString()));
    }

    private ContainerRecord runningRecord(String action) {
        ContainerRecord r = current();
        if (manager.info(r).status() != ContainerStatus.RUNNING) {
            throw notRunning(action);
        }
        return r;
    }

    private ContainerConflictException notRunning(String action) {
        return new ContainerConflictException(id, "cannot " + action + " in container " + ContainerId.shortOf(id) + " ("
                + name + "): it is not running");
    }

    /** Acts on the running sandbox: the live one, or a detached one found again. */
    private <T> T withSandbox(ContainerRecord r, String action, Function<Sandbox, T> f) {
        Optional<LiveContainer> l = manager.live(id);
        if (l.isPresent()) {
            return l.get().use(f);
        }
        if (!r.detached()) {
            throw new ContainerConflictException(id, "cannot " + action + " in container " + ContainerId.shortOf(id)
                    + " (" + name + "): it runs attached to another JVM (pid " + r.ownerPid().orElse(0)
                    + "); only that JVM, or any JVM for a detached container, can");
        }
        Sandbox sandbox = manager.engine().sandboxRuntime().attach(manager.records().stateDir(id));
        try {
            return f.apply(sandbox);
        } finally {
            sandbox.close();
        }
    }
}

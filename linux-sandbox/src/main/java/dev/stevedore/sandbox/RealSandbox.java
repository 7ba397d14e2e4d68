package dev.stevedore.sandbox;

import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Signals;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A sandbox this JVM started or found again through its state directory. */
final class RealSandbox implements Sandbox {
    private final SandboxRuntime runtime;
    private final SandboxState state;
    private final Path stateDir;
    private final SandboxCgroup cgroup;
    private final Security security;
    private final Optional<ShimSession> session; // present for sandboxes this JVM started
    private final Optional<Fd> pidfd; // empty when the workload had already ended
    private volatile CompletableFuture<ExitStatus> exit;
    private boolean closed;

    RealSandbox(SandboxRuntime runtime, SandboxState state, Path stateDir, SandboxCgroup cgroup, Security security,
            Optional<ShimSession> session, Optional<Fd> pidfd) {
        this.runtime = runtime;
        this.state = state;
        this.stateDir = stateDir;
        this.cgroup = cgroup;
        this.security = security;
        this.session = session;
        this.pidfd = pidfd;
        this.exit = session.filter(s -> !state.detached()).map(s -> s.exit).orElse(null);
    }

    @Override
    public String id() {
        return state.id();
    }

    @Override
    public Path stateDir() {
        return stateDir;
    }

    @Override
    public long pid() {
        return state.pid();
    }

    @Override
    public long shimPid() {
        return state.shimPid();
    }

    @Override
    public boolean detached() {
        return state.detached();
    }

    @Override
    public List<PublishedPort> ports() {
        return state.ports();
    }

    @Override
    public Path namespacePath(Namespace namespace) {
        return Path.of("/proc", Long.toString(state.pid()), "ns", namespace.procName());
    }

    SandboxCgroup cgroup() {
        return cgroup;
    }

    Security security() {
        return security;
    }

    /** What the shim reported when the workload started; empty for a sandbox found again through its state. */
    Optional<ShimSession.Ready> shimReady() {
        return session.flatMap(ShimSession::ready);
    }

    /** Completes when the workload has ended: from the attached shim's EXIT, or the shim's exit and exit.json. */
    private CompletableFuture<ExitStatus> exitFuture() {
        CompletableFuture<ExitStatus> f = exit;
        if (f == null) {
            synchronized (this) {
                if (exit == null) {
                    exit = runtime.shimExit(state).thenApply(ignored -> SandboxState.readExit(stateDir).orElseGet(
                            () -> lostStatus()));
                }
                f = exit;
            }
        }
        return f;
    }

    /** The shim vanished without recording an exit: report it as killed, as Docker does for a lost container. */
    ExitStatus lostStatus() {
        return SandboxState.readExit(stateDir).orElse(new ExitStatus(137, java.util.OptionalInt.of(9), false,
                Optional.empty()));
    }

    void shimLost() {
        exitFuture().complete(lostStatus());
    }

    @Override
    public boolean isRunning() {
        return !exitFuture().isDone() && exitStatus().isEmpty();
    }

    @Override
    public Optional<ExitStatus> exitStatus() {
        CompletableFuture<ExitStatus> f = exitFuture();
        if (f.isDone()) {
            return Optional.of(f.join());
        }
        return state.detached() ? SandboxState.readExit(stateDir) : Optional.empty();
    }

    @Override
    public ExitStatus waitFor() throws InterruptedException {
        try {
            return exitFuture().get();
        } catch (ExecutionException e) {
            throw new SandboxException("sandbox " + id() + ": cannot tell how it ended", e.getCause());
        }
    }

    @Override
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(exitFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new SandboxException("sandbox " + id() + ": cannot tell how it ended", e.getCause());
        }
    }

    @Override
    public void kill(int signal) {
        if (!isRunning()) {
            throw new SandboxException("sandbox " + id() + " is not running");
        }
        try {
            Syscalls.linux().pidfdSendSignal(pidfd.orElseThrow(() -> new SandboxException("sandbox " + id() + " is not running")), signal);
        } catch (PosixException e) {
            if (e.errno() == Errno.ESRCH) {
                throw new SandboxException("sandbox " + id() + " is not running", e);
            }
            throw new SandboxException("sandbox " + id() + ": cannot send signal " + signal, e);
        }
    }

    @Override
    public ExitStatus stop(Duration grace) throws InterruptedException {
        if (isRunning()) {
            try {
                if (pidfd.isPresent()) {
                    Syscalls.linux().pidfdSendSignal(pidfd.get(), Signals.SIGTERM);
                }
            } catch (PosixException e) {
                // already gone
            }
            Optional<ExitStatus> done = grace.isZero() ? Optional.empty() : waitFor(grace);
            if (done.isPresent()) {
                return done.get();
            }
            cgroup.killAll();
        }
        return waitFor(Duration.ofSeconds(30)).orElseThrow(
                () -> new SandboxException("sandbox " + id() + " did not end within 30 s of SIGKILL"));
    }

    @Override
    public ExecProcess exec(ProcessSpec process) {
        if (!isRunning()) {
            throw new SandboxException("sandbox " + id() + " is not running: cannot exec " + process.args());
        }
        if (cgroup.isFrozen()) {
            // the exec would join the frozen cgroup and freeze before it could report back
            throw new SandboxException("sandbox " + id() + " is paused: cannot exec " + process.args()
                    + " (resume it first)");
        }
        return runtime.exec(this, process);
    }

    @Override
    public void pause() {
        cgroup.freeze();
    }

    @Override
    public void resume() {
        cgroup.thaw();
    }

    @Override
    public SandboxStats stats() {
        CgroupStats s = cgroup.stats();
        return new SandboxStats(s.cpuUsageNanos(), s.cpuThrottledPeriods(), s.memoryUsageBytes(),
                s.memoryLimitBytes().orElse(-1), s.pidsCurrent());
    }

    @Override
    public byte[] stdout() {
        return session.map(s -> s.stdout.snapshot()).orElse(new byte[0]);
    }

    @Override
    public byte[] stderr() {
        return session.map(s -> s.stderr.snapshot()).orElse(new byte[0]);
    }

    @Override
    public OutputStream stdin() {
        return session.filter(s -> !state.detached()).map(ShimSession::stdinStream).orElseThrow(
                () -> new SandboxException("sandbox " + id() + ": stdin is only open for attached sandboxes started with withStdinOpen()"));
    }

    @Override
    public List<LogEntry> logs() {
        return LogReader.read(stateDir, state.logMaxFiles());
    }

    @Override
    public void remove() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        tearDown();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (state.detached()) {
            pidfd.ifPresent(Fd::close);
            runtime.forget(this);
            return;
        }
        tearDown();
    }

    private void tearDown() {
        SandboxException failure = null;
        try {
            if (isRunning()) {
                cgroup.killAll();
            }
            session.ifPresent(ShimSession::hangUp);
            if (waitFor(Duration.ofSeconds(30)).isEmpty()) {
                failure = new SandboxException("sandbox " + id() + " did not end within 30 s of SIGKILL");
            }
            session.ifPresent(s -> {
                try {
                    s.process().waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            runtime.awaitShimGone(state);
            cgroup.remove();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new SandboxException("interrupted while removing sandbox " + id(), e);
        } catch (SandboxException e) {
            failure = e;
        } finally {
            pidfd.ifPresent(Fd::close);
            runtime.forget(this);
        }
        try {
            StateDirs.delete(stateDir);
        } catch (IOException e) {
            SandboxException gone = new SandboxException("cannot delete the state directory " + stateDir, e);
            if (failure != null) {
                failure.addSuppressed(gone);
            } else {
                failure = gone;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Sandbox[" + id() + ", pid " + pid() + (state.detached() ? ", detached" : "") + "]";
    }
}

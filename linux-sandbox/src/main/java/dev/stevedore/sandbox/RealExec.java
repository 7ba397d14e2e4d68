package dev.stevedore.sandbox;

import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A process exec'd into a sandbox, supervised by its own exec shim. */
final class RealExec implements ExecProcess {
    private final String sandboxId;
    private final ShimSession session;
    private final long pid;
    private final Optional<Fd> pidfd; // empty when the process already ended

    RealExec(String sandboxId, ShimSession session, long pid) {
        this.sandboxId = sandboxId;
        this.session = session;
        this.pid = pid;
        Optional<Fd> fd;
        try {
            fd = Optional.of(Syscalls.linux().pidfdOpen(pid, 0));
        } catch (PosixException e) {
            fd = Optional.empty();
        }
        this.pidfd = fd;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ExitStatus waitFor() throws InterruptedException {
        try {
            return session.exit.get();
        } catch (ExecutionException e) {
            throw new SandboxException("exec in sandbox " + sandboxId + ": cannot tell how it ended", e.getCause());
        }
    }

    @Override
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(session.exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new SandboxException("exec in sandbox " + sandboxId + ": cannot tell how it ended", e.getCause());
        }
    }

    @Override
    public byte[] stdout() {
        return session.stdout.snapshot();
    }

    @Override
    public byte[] stderr() {
        return session.stderr.snapshot();
    }

    @Override
    public OutputStream stdin() {
        return session.stdinStream();
    }

    @Override
    public void kill(int signal) {
        if (session.exit.isDone()) {
            throw new SandboxException("exec in sandbox " + sandboxId + " has ended");
        }
        // Straight to the process: the exec shim forwards only a few signals, and SIGKILL would kill
        // the shim itself, orphaning the process to the host's init.
        try {
            Syscalls.linux().pidfdSendSignal(pidfd.orElseThrow(
                    () -> new SandboxException("exec in sandbox " + sandboxId + " has ended")), signal);
        } catch (PosixException e) {
            if (e.errno() == Errno.ESRCH) {
                throw new SandboxException("exec in sandbox " + sandboxId + " has ended", e);
            }
            throw new SandboxException("exec in sandbox " + sandboxId + ": cannot send signal " + signal, e);
        }
    }

    @Override
    public void close() {
        session.hangUp();
        try {
            if (!session.process().waitFor(10, TimeUnit.SECONDS)) {
                session.process().destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pidfd.ifPresent(Fd::close);
        }
    }
}

package dev.stevedore;

import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.sandbox.ExitStatus;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxException;
import java.time.Duration;
import java.util.Optional;

/** {@code docker stop}: the container's stop signal, then SIGKILL for everything in it after the timeout. */
final class ContainerStop {
    private ContainerStop() {}

    static ContainerExit stop(Sandbox sandbox, int signal, Duration timeout) {
        try {
            if (signal == ContainerSignal.SIGKILL) {
                return ContainerReaper.exitOf(sandbox.stop(Duration.ZERO));
            }
            if (signal == ContainerSignal.SIGTERM) {
                return ContainerReaper.exitOf(sandbox.stop(timeout));
            }
            try {
                sandbox.kill(signal);
            } catch (SandboxException e) {
                // it has ended already
            }
            Optional<ExitStatus> done = timeout.isZero() ? Optional.empty() : sandbox.waitFor(timeout);
            if (done.isPresent()) {
                return ContainerReaper.exitOf(done.get());
            }
            return ContainerReaper.exitOf(sandbox.stop(Duration.ZERO));
        } catch (SandboxException e) {
            if (!sandbox.isRunning() && sandbox.exitStatus().isPresent()) {
                return ContainerReaper.exitOf(sandbox.exitStatus().get());
            }
            throw new ContainerException(sandbox.id(), "cannot stop container " + sandbox.id() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException(sandbox.id(), "interrupted while stopping container " + sandbox.id(), e);
        }
    }

    /** Stops a container that runs attached to another JVM, through its pid (PID 1 of its namespace). */
    static void stopByPid(ContainerRecord r, int signal, Duration timeout) {
        if (!ContainerProcs.alive(r.pid(), r.pidStart())) {
            return;
        }
        long pid = r.pid().getAsLong();
        signal(pid, signal);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && ContainerProcs.alive(r.pid(), r.pidStart())) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerException(r.id(), "interrupted while stopping container " + r.id(), e);
            }
        }
        if (ContainerProcs.alive(r.pid(), r.pidStart())) {
            signal(pid, ContainerSignal.SIGKILL); // PID 1 of its namespace: everything in it goes too
        }
    }

    private static void signal(long pid, int signal) {
        try {
            Syscalls.linux().kill(pid, signal);
        } catch (PosixException e) {
            // it has ended already
        }
    }
}

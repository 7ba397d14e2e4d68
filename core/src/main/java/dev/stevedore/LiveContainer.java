package dev.stevedore;

import dev.stevedore.sandbox.Sandbox;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A container this engine started: its record as written when it started (and its bytes), its
 * sandbox handle, a future completed once its end has been recorded (and, with auto-remove, once
 * it has been removed), and a guard so that the sandbox is not released (its cgroup removed)
 * while another thread still stops, signals or execs in it. The log of an auto-removed container
 * is kept here, in memory, for the handle that started it (a failed wait reports its last lines).
 * Its end is recorded once ({@code finishing}), by its watcher or by one of the threads waiting
 * for it ({@code waiters}).
 */
record LiveContainer(ContainerRecord record, byte[] written, Sandbox sandbox,
        CompletableFuture<ContainerExit> finished, ReentrantReadWriteLock guard,
        AtomicReference<LogFiles.Kept> keptLogs, AtomicInteger waiters, AtomicBoolean finishing) {
    static LiveContainer of(ContainerStarter.Started started) {
        return new LiveContainer(started.record(), started.written(), started.sandbox(), new CompletableFuture<>(),
                new ReentrantReadWriteLock(), new AtomicReference<>(LogFiles.Kept.EMPTY), new AtomicInteger(),
                new AtomicBoolean());
    }

    /** Its id. */
    String id() {
        return record.id();
    }

    /** What an auto-removed container logged, read before its files went. */
    List<LogLine> lastLogs() {
        return keptLogs.get().lines();
    }

    /** How it ended, once its end was recorded. */
    Optional<ContainerExit> exit() {
        return finished.isDone() && !finished.isCompletedExceptionally() ? Optional.of(finished.join())
                : Optional.empty();
    }

    /** Acts on the sandbox; its release waits until this returns. */
    <T> T use(Function<Sandbox, T> action) {
        guard.readLock().lock();
        try {
            return action.apply(sandbox);
        } finally {
            guard.readLock().unlock();
        }
    }

    /** Runs the release of the sandbox once nobody uses it. */
    void release(Runnable action) {
        guard.writeLock().lock();
        try {
            action.run();
        } finally {
            guard.writeLock().unlock();
        }
    }
}

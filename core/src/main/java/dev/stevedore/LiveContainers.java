package dev.stevedore;

import dev.stevedore.sandbox.ExitStatus;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The containers one engine started and still holds a sandbox handle for. Each has a watcher
 * task on the engine's executor that waits for its end and records it ({@link ContainerReaper}).
 */
final class LiveContainers {
    private static final Logger log = LoggerFactory.getLogger(LiveContainers.class);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    /** How long a watcher leaves the end of its container to a thread waiting for it. */
    private static final Duration HANDOVER = Duration.ofMillis(50);

    private final ContainerManager manager;
    private final Map<String, LiveContainer> live = new ConcurrentHashMap<>();

    LiveContainers(ContainerManager manager) {
        this.manager = manager;
    }

    Optional<LiveContainer> get(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** Registers a started sandbox and watches it until it ends. */
    LiveContainer watch(ContainerStarter.Started started) {
        LiveContainer l = LiveContainer.of(started);
        String id = l.id();
        live.put(id, l);
        try {
            manager.engine().executor().execute(() -> watch(l));
        } catch (RejectedExecutionException | IllegalStateException e) {
            live.remove(id, l);
            started.sandbox().remove();
            throw new ContainerStartException(id, "cannot watch container " + id + ": the engine is closing", e);
        }
        return l;
    }

    private void watch(LiveContainer l) {
        ExitStatus status;
        try {
            status = l.sandbox().waitFor();
        } catch (InterruptedException e) {
            live.remove(l.id(), l);
            l.finished().completeExceptionally(new ContainerException(l.id(), "the engine closed while container "
                    + l.id() + " ran"));
            return;
        } catch (RuntimeException | Error e) {
            live.remove(l.id(), l);
            l.finished().completeExceptionally(e);
            return;
        }
        if (l.waiters().get() > 0) {
            // a thread waiting for it saw it end too and finishes it without a hand-over; should it have
            // given up waiting just now, it finishes it as well (see awaitEnd), so this wait is only a fallback
            awaitFinished(l, HANDOVER);
        }
        finish(l, status);
    }

    /**
     * Waits for a container this engine started to end, and records its end on this thread (rather
     * than waiting for its watcher to do it and wake this thread).
     *
     * @return how it ended, once recorded; empty if it did not within {@code timeout}
     */
    Optional<ContainerExit> awaitEnd(LiveContainer l, Duration timeout) {
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
        if (!l.finished().isDone()) {
            Optional<ExitStatus> status = Optional.empty();
            l.waiters().incrementAndGet();
            try {
                status = l.sandbox().waitFor(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // its watcher reports it
            } finally {
                l.waiters().decrementAndGet();
            }
            if (status.isEmpty() && !Thread.currentThread().isInterrupted()) {
                status = l.sandbox().exitStatus(); // it may have ended as this thread gave up waiting
            }
            if (status.isPresent() && !Thread.currentThread().isInterrupted()) {
                finish(l, status.get());
            }
        }
        return awaitFinished(l, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** Records the end of a container, once: whoever comes first, its watcher or a thread waiting for it. */
    private void finish(LiveContainer l, ExitStatus status) {
        if (!l.finishing().compareAndSet(false, true)) {
            return;
        }
        try {
            ContainerExit exit = ContainerReaper.exitOf(status);
            if (l.record().autoRemove()) {
                // its files go with it: keep its log for the handle (parsed only if someone asks)
                try {
                    l.keptLogs().set(LogFiles.keep(manager.records().stateDir(l.id())));
                } catch (StevedoreException e) {
                    log.warn("cannot keep the log of container {}: {}", l.id(), e.getMessage());
                }
            }
            l.release(() -> manager.reaper().finishStarted(l, exit));
            live.remove(l.id(), l);
            l.finished().complete(exit);
        } catch (RuntimeException | Error e) {
            live.remove(l.id(), l);
            l.finished().completeExceptionally(e);
        }
    }

    /**
     * Kills the attached containers (they would die with the JVM anyway) and waits until their
     * ends are recorded; lets go of the detached ones, which keep running.
     */
    void closeAll() {
        List<LiveContainer> attached = new ArrayList<>();
        for (LiveContainer l : List.copyOf(live.values())) {
            if (l.sandbox().detached()) {
                live.remove(l.id(), l);
                try {
                    l.sandbox().close();
                } catch (SandboxException e) {
                    log.warn("cannot let go of container {}: {}", l.id(), e.getMessage());
                }
            } else {
                attached.add(l);
                l.use(sandbox -> {
                    try {
                        sandbox.kill(ContainerSignal.SIGKILL);
                    } catch (SandboxException e) {
                        // it has ended already
                    }
                    return null;
                });
            }
        }
        for (LiveContainer l : attached) {
            awaitFinished(l, CLOSE_WAIT);
        }
    }

    /** Waits (bounded) until the watcher has recorded the end. */
    static Optional<ContainerExit> awaitFinished(LiveContainer l, Duration timeout) {
        try {
            return Optional.of(l.finished().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

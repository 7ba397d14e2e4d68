package dev.stevedore;

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

    private final ContainerManager manager;
    private final Map<String, LiveContainer> live = new ConcurrentHashMap<>();

    LiveContainers(ContainerManager manager) {
        this.manager = manager;
    }

    Optional<LiveContainer> get(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** Registers a started sandbox and watches it until it ends. */
    LiveContainer watch(String id, Sandbox sandbox) {
        LiveContainer l = LiveContainer.of(id, sandbox);
        live.put(id, l);
        try {
            manager.engine().executor().execute(() -> watch(l));
        } catch (RejectedExecutionException | IllegalStateException e) {
            live.remove(id, l);
            sandbox.remove();
            throw new ContainerStartException(id, "cannot watch container " + id + ": the engine is closing", e);
        }
        return l;
    }

    private void watch(LiveContainer l) {
        ContainerRecords records = manager.records();
        try {
            ContainerExit exit = ContainerReaper.exitOf(l.sandbox().waitFor());
            if (records.read(l.id()).map(ContainerRecord::autoRemove).orElse(false)) {
                l.lastLogs().set(LogFiles.readAll(records.stateDir(l.id())));
            }
            l.release(() -> manager.reaper().finish(l.id(), exit, Optional.of(l.sandbox())));
            live.remove(l.id(), l);
            l.finished().complete(exit);
        } catch (InterruptedException e) {
            live.remove(l.id(), l);
            l.finished().completeExceptionally(new ContainerException(l.id(), "the engine closed while container "
                    + l.id() + " ran"));
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

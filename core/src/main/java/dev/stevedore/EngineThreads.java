package dev.stevedore;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The engine's executor: the caller's (never shut down here) or a cached pool of daemon threads it owns. */
final class EngineThreads implements AutoCloseable {
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private final ExecutorService executor;
    private final boolean owned;

    private EngineThreads(ExecutorService executor, boolean owned) {
        this.executor = executor;
        this.owned = owned;
    }

    static EngineThreads create(Optional<ExecutorService> given) {
        if (given.isPresent()) {
            return new EngineThreads(given.get(), false);
        }
        return new EngineThreads(Executors.newCachedThreadPool(daemons("stevedore-" + ENGINES.incrementAndGet() + "-")),
                true);
    }

    ExecutorService executor() {
        return executor;
    }

    /** Shuts an owned executor down, interrupting what still runs, and waits for it a little. */
    @Override
    public void close() {
        if (!owned || executor.isShutdown()) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

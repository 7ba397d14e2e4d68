package dev.stevedore.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks with at most {@code parallelism} at a time on an executor: that many workers take
 * tasks from a shared queue, so no thread waits on a permit. After the first failure no new
 * task starts; the first failure is thrown once all workers stopped, later ones suppressed.
 */
final class Parallel {
    private Parallel() {
    }

    static void run(Executor executor, int parallelism, List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        Queue<Runnable> queue = new ConcurrentLinkedQueue<>(tasks);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (Runnable task = queue.poll(); task != null && failure.get() == null; task = queue.poll()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    if (!failure.compareAndSet(null, e)) {
                        failure.get().addSuppressed(e);
                    }
                } catch (Error e) {
                    failure.compareAndSet(null, new IllegalStateException(e.toString(), e));
                    throw e;
                }
            }
        };
        int workers = Math.min(parallelism, tasks.size());
        if (workers <= 1) {
            worker.run();
        } else {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(CompletableFuture.runAsync(worker, executor));
            }
            try {
                CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            } catch (java.util.concurrent.CompletionException e) {
                if (failure.get() == null) {
                    throw e;
                }
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}

package dev.stevedore.layerstore;

import java.util.function.Supplier;

/**
 * Mutual exclusion for changes to a store's metadata (refs, leases, holds, the snapshot index,
 * GC) across threads and across JVMs: an in-JVM lock plus a lock on a dedicated file that is
 * never opened for data. Reentrant within a thread.
 */
interface StoreLock {
    /**
     * Runs {@code work} while holding the store's lock.
     *
     * @param work what to do
     * @param <T> its result
     * @return its result
     */
    <T> T locked(Supplier<T> work);

    /** Runs {@code work} while holding the store's lock. @param work what to do */
    default void locked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }
}

package dev.stevedore.registry;

import java.time.Duration;

/**
 * Waits between retries; tests inject one that records the waits instead of sleeping.
 *
 * <pre>{@code
 * List<Duration> waits = new CopyOnWriteArrayList<>();
 * RegistryClient.builder().sleeper(waits::add).build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits.
     *
     * @param duration how long
     * @throws InterruptedException if interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The real sleeper, {@link Thread#sleep(long)}.
     *
     * @return a sleeper that blocks the calling thread
     */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}

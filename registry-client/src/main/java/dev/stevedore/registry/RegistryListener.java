package dev.stevedore.registry;

/**
 * Receives {@link RegistryEvent}s. Called from the threads that move blobs, several at once,
 * so implementations must be thread-safe and quick; an exception thrown here is logged and
 * ignored.
 *
 * <pre>{@code RegistryClient.builder().listener(event -> progress.offer(event)).build();}</pre>
 */
@FunctionalInterface
public interface RegistryListener {
    /**
     * Handles one event.
     *
     * @param event what happened
     */
    void on(RegistryEvent event);

    /**
     * A listener that ignores everything.
     *
     * @return the no-op listener
     */
    static RegistryListener none() {
        return event -> { };
    }
}

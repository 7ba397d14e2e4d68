package dev.stevedore.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands events to the caller's listener; a listener's exception is logged and ignored. */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    private final RegistryListener listener;

    Events(RegistryListener listener) {
        this.listener = listener;
    }

    void emit(RegistryEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.warn("a registry listener threw on {}: {}", event.getClass().getSimpleName(), e.toString());
        }
    }
}

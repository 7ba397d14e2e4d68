package dev.stevedore;

import dev.stevedore.registry.Credentials;
import dev.stevedore.registry.RegistryClient;
import dev.stevedore.registry.RegistryClientBuilder;
import dev.stevedore.registry.RegistryListener;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/** The engine's registry client, built on first use from the engine's settings and closed with it. */
final class EngineRegistry implements AutoCloseable {
    /** What the builder collected. */
    record Settings(Credentials credentials, Map<String, List<URI>> mirrors, Set<String> insecure,
            Optional<RegistryListener> listener) {
        Settings {
            Map<String, List<URI>> copy = new LinkedHashMap<>();
            mirrors.forEach((registry, uris) -> copy.put(registry, List.copyOf(uris)));
            mirrors = Collections.unmodifiableMap(copy);
            insecure = Set.copyOf(insecure);
        }
    }

    private final Settings settings;
    private final ExecutorService executor;
    private RegistryClient client;
    private boolean closed;

    EngineRegistry(Settings settings, ExecutorService executor) {
        this.settings = settings;
        this.executor = executor;
    }

    synchronized RegistryClient client() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        if (client == null) {
            RegistryClientBuilder builder = RegistryClient.builder().credentials(settings.credentials()).executor(executor);
            settings.mirrors().forEach((registry, uris) -> uris.forEach(uri -> builder.mirror(registry, uri)));
            settings.insecure().forEach(builder::insecure);
            settings.listener().ifPresent(builder::listener);
            client = builder.build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}

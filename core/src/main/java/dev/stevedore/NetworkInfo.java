package dev.stevedore;

import java.time.Instant;
import java.util.List;

/**
 * A named network, as {@code docker network ls} shows it.
 *
 * <pre>{@code
 * NetworkInfo app = engine.containers().networks().create("app");
 * }</pre>
 *
 * @param name its name
 * @param id 64 hex digits
 * @param created when it was created
 * @param containers the names of the containers running on it now
 */
public record NetworkInfo(String name, String id, Instant created, List<String> containers) {
    /**
     * Freezes the list.
     *
     * @param name its name
     * @param id 64 hex digits
     * @param created when it was created
     * @param containers the names of the containers running on it now
     */
    public NetworkInfo {
        containers = List.copyOf(containers);
    }
}

package dev.stevedore;

import java.util.Locale;

/**
 * Where a container is in its life, as {@code docker ps} shows it.
 *
 * <pre>{@code if (Containers.get("web").orElseThrow().info().status() == ContainerStatus.RUNNING) { ... }}</pre>
 */
public enum ContainerStatus {
    /** Created, never started. */
    CREATED,
    /** Its process runs. */
    RUNNING,
    /** Its process ended (or was killed with the JVM that ran it attached). */
    EXITED;

    /**
     * The name as Docker prints it.
     *
     * @return such as {@code "running"}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

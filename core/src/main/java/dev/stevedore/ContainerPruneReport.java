package dev.stevedore;

import java.util.List;

/**
 * What {@link ContainerManager#prune()} removed.
 *
 * <pre>{@code Containers.prune().removed().forEach(System.out::println);}</pre>
 *
 * @param removed the ids of the containers removed (every one not running)
 */
public record ContainerPruneReport(List<String> removed) {
    /**
     * Freezes the list.
     *
     * @param removed the ids of the containers removed (every one not running)
     */
    public ContainerPruneReport {
        removed = List.copyOf(removed);
    }
}

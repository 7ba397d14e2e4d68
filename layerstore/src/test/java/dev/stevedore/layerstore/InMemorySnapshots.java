package dev.stevedore.layerstore;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A stand-in snapshot store for GC tests: chain IDs in a set, removals recorded. */
final class InMemorySnapshots implements SnapshotSweeper {
    private final Set<ChainId> present = ConcurrentHashMap.newKeySet();

    void add(ChainId chainId) {
        present.add(chainId);
    }

    @Override
    public Set<ChainId> snapshots() {
        return Set.copyOf(present);
    }

    @Override
    public void removeSnapshot(ChainId chainId) {
        if (!present.remove(chainId)) {
            throw new IllegalStateException("no snapshot " + chainId);
        }
    }
}

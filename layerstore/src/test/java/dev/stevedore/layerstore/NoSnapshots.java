package dev.stevedore.layerstore;

import java.util.Set;

/** The sweeper of a store without snapshots: there is nothing to list or remove. */
final class NoSnapshots implements SnapshotSweeper {
    @Override
    public Set<ChainId> snapshots() {
        return Set.of();
    }

    @Override
    public void removeSnapshot(ChainId chainId) {
        throw new IllegalStateException("no snapshot " + chainId + " to remove: this store has none");
    }
}

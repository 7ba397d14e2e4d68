package dev.stevedore.layerstore;

import java.util.Set;

/**
 * What garbage collection needs from the snapshots: which exist, and a way to remove one that
 * nothing references any more. Implemented by the snapshot store; called under the store lock.
 */
interface SnapshotSweeper {
    /** @return the chain IDs of every snapshot, complete or not */
    Set<ChainId> snapshots();

    /**
     * Removes a snapshot's directory and index entry.
     *
     * @param chainId the snapshot
     */
    void removeSnapshot(ChainId chainId);
}

package dev.stevedore.layerstore;

/**
 * Makes the {@link SnapshotSweeper} a {@link LayerStore} hands to GC, from the parts of the
 * store it may need. The public {@link LayerStore#open(java.nio.file.Path)} passes the snapshot
 tests pass an in-memory one.
 *
 * <pre>{@code LayerStore.open(root, clock, (paths, blobs, lock) -> new NoSnapshots())}</pre>
 */
@FunctionalInterface
interface SweeperFactory {
    /**
     * Creates the sweeper.
     *
     * @param paths the store's paths ({@link StorePaths#snapshots()} is the snapshots' directory)
     * @param blobs the store's committed blobs
     * @param lock the store lock, which GC holds while it calls the sweeper
     * @return the sweeper
     */
    SnapshotSweeper create(StorePaths paths, BlobReader blobs, StoreLock lock);
}

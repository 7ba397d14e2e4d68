package dev.stevedore;

/**
 * What {@link ImageManager#pruneBuildCache()} removed.
 *
 * <pre>{@code
 * BuildCachePruneReport pruned = engine.images().pruneBuildCache();
 * System.out.println(pruned.entriesRemoved() + " cache entries, " + pruned.mountsRemoved()
 *         + " cache mounts, " + pruned.bytesFreed() + " bytes reclaimed");
 * }</pre>
 *
 * @param entriesRemoved how many build-cache entries (steps' results) were removed
 * @param mountsRemoved how many {@code RUN --mount=type=cache} directories were removed
 * @param blobsRemoved how many blobs garbage collection then deleted
 * @param snapshotsRemoved how many unpacked layers (snapshots) it deleted
 * @param bytesFreed the size of the blobs deleted plus that of the files in the cache mounts removed
 */
public record BuildCachePruneReport(int entriesRemoved, int mountsRemoved, int blobsRemoved, int snapshotsRemoved,
        long bytesFreed) {
    /**
     * Checks the values.
     *
     * @param entriesRemoved cache entries removed
     * @param mountsRemoved cache mount directories removed
     * @param blobsRemoved blobs deleted
     * @param snapshotsRemoved snapshots deleted
     * @param bytesFreed bytes freed
     */
    public BuildCachePruneReport {
        if (entriesRemoved < 0 || mountsRemoved < 0 || blobsRemoved < 0 || snapshotsRemoved < 0 || bytesFreed < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}

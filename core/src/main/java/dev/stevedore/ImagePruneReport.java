package dev.stevedore;

import java.util.List;

/**
 * What {@link ImageManager#prune()} removed.
 *
 * <pre>{@code
 * ImagePruneReport pruned = Images.prune();
 * System.out.println("Total reclaimed space: " + pruned.bytesFreed());
 * }</pre>
 *
 * @param deleted the ids of the dangling images deleted
 * @param blobsRemoved how many blobs garbage collection deleted
 * @param snapshotsRemoved how many unpacked layers (snapshots) it deleted
 * @param bytesFreed the size of the blobs deleted
 */
public record ImagePruneReport(List<String> deleted, int blobsRemoved, int snapshotsRemoved, long bytesFreed) {
    /**
     * Checks the values.
     *
     * @param deleted the ids of the images deleted
     * @param blobsRemoved blobs deleted
     * @param snapshotsRemoved snapshots deleted
     * @param bytesFreed bytes freed
     */
    public ImagePruneReport {
        deleted = List.copyOf(deleted);
        if (blobsRemoved < 0 || snapshotsRemoved < 0 || bytesFreed < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}

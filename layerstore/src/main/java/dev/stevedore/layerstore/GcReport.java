package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.util.Objects;
import java.util.Set;

/**
 * What one garbage collection removed.
 *
 * <pre>{@code
 * GcReport report = store.gc();
 * log.info("freed {} bytes in {} blobs", report.bytesFreed(), report.blobsRemoved().size());
 * }</pre>
 *
 * @param blobsRemoved the digests of the blobs deleted
 * @param bytesFreed their total size in bytes
 * @param snapshotsRemoved the chain IDs of the snapshots deleted
 * @param ingestFilesRemoved how many stale temp files (of crashed or abandoned writes) were deleted
 * @param leasesExpired how many expired lease records were deleted
 */
public record GcReport(Set<Digest> blobsRemoved, long bytesFreed, Set<ChainId> snapshotsRemoved,
        int ingestFilesRemoved, int leasesExpired) {
    /**
     * Creates a report.
     *
     * @param blobsRemoved the digests of the blobs deleted
     * @param bytesFreed their total size in bytes
     * @param snapshotsRemoved the chain IDs of the snapshots deleted
     * @param ingestFilesRemoved how many stale temp files were deleted
     * @param leasesExpired how many expired lease records were deleted
     */
    public GcReport {
        blobsRemoved = Set.copyOf(Objects.requireNonNull(blobsRemoved, "blobsRemoved"));
        snapshotsRemoved = Set.copyOf(Objects.requireNonNull(snapshotsRemoved, "snapshotsRemoved"));
    }
}

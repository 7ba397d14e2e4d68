package dev.stevedore.layerstore;

/**
 * How {@link ImageArchives#exportDocker} writes layers into a {@code docker save} tarball.
 */
public enum DockerArchiveLayers {
    /**
     * Plain tars, as {@code docker save} writes them: what every loader reads, and each
     * {@code layer.tar} hashes to its diff ID. Compressed blobs are decompressed (and checked
     * against the diff ID) on the way.
     */
    UNCOMPRESSED,
    /**
     * The blobs as stored (gzip or zstd): smaller and faster; {@code docker load} and
     * {@code skopeo} accept compressed layer files.
     */
    AS_STORED
}

package dev.stevedore.oci;

/**
 * How a layer blob is compressed, as told by its media type.
 *
 * <pre>{@code MediaType.layerCompression(MediaType.OCI_LAYER_TAR_ZSTD) // Optional[ZSTD]}</pre>
 */
public enum Compression {
    /** A plain tar archive. */
    NONE,
    /** A gzip-compressed tar archive. */
    GZIP,
    /** A zstd-compressed tar archive. */
    ZSTD
}

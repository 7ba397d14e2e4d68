package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.util.Objects;

/**
 * What {@link LayerWriter#write} produced: the layer's diff ID (the digest of the uncompressed
 * tar, which goes into the image config's {@code rootfs.diff_ids}), the digest and size of the
 * bytes written (which go into the manifest's layer descriptor), and the media type matching
 * the compression.
 *
 * <pre>{@code
 * WrittenLayer layer = writer.write(upper, LayerSource.overlayUpper(), blob);
 * manifestLayers.add(layer.descriptor());
 * diffIds.add(layer.diffId());
 * }</pre>
 *
 * @param diffId SHA-256 of the uncompressed tar
 * @param digest SHA-256 of the bytes written to the output (equal to {@code diffId} when uncompressed)
 * @param size number of bytes written to the output
 * @param uncompressedSize size of the uncompressed tar
 * @param mediaType {@link MediaType#OCI_LAYER_TAR}, {@link MediaType#OCI_LAYER_TAR_GZIP} or
 *     {@link MediaType#OCI_LAYER_TAR_ZSTD}
 */
public record WrittenLayer(Digest diffId, Digest digest, long size, long uncompressedSize, String mediaType) {
    /**
     * Creates the value.
     *
     * @param diffId SHA-256 of the uncompressed tar
     * @param digest SHA-256 of the bytes written
     * @param size number of bytes written
     * @param uncompressedSize size of the uncompressed tar
     * @param mediaType the layer media type
     * @throws IllegalArgumentException if a size is negative or the media type is not a layer type
     */
    public WrittenLayer {
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        if (size < 0 || uncompressedSize < 0) {
            throw new IllegalArgumentException("sizes must not be negative: " + size + ", " + uncompressedSize);
        }
        if (!MediaType.isLayer(mediaType)) {
            throw new IllegalArgumentException("not a layer media type: " + mediaType);
        }
    }

    /**
     * The manifest descriptor of the written blob.
     *
     * @return media type, digest and size of the written bytes
     */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, size);
    }
}

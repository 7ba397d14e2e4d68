package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import java.util.Objects;

/**
 * One layer of an image, as {@link Snapshots#prepare} needs it: the blob to unpack (from the
 * manifest) and the diff ID it must unpack to (from the config's {@code rootfs.diff_ids}, same
 * position).
 *
 * <pre>{@code
 * List<LayerRef> layers = IntStream.range(0, manifest.layers().size())
 *         .mapToObj(i -> new LayerRef(manifest.layers().get(i), config.rootfs().diffIds().get(i)))
 *         .toList();
 * }</pre>
 *
 * @param blob the layer blob's descriptor
 * @param diffId the digest of the uncompressed layer tar
 */
public record LayerRef(Descriptor blob, Digest diffId) {
    /**
     * Checks the values.
     *
     * @param blob the layer blob's descriptor
     * @param diffId the digest of the uncompressed layer tar
     */
    public LayerRef {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(diffId, "diffId");
    }
}

package dev.stevedore.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code rootfs} of an image config: the digests of the uncompressed layers (diff IDs),
 * base layer first.
 *
 * <pre>{@code RootFs.of(List.of()).withDiffId(Digest.compute(tarStream))}</pre>
 *
 * @param type always {@code "layers"}
 * @param diffIds the uncompressed layer digests, base first
 * @param unknownFields fields this module does not model, kept as read
 */
public record RootFs(String type, List<Digest> diffIds, UnknownFields unknownFields) {
    /** The only root filesystem type the specification defines. */
    public static final String LAYERS = "layers";

    /**
     * Creates a root filesystem.
     *
     * @param type always {@code "layers"}
     * @param diffIds the uncompressed layer digests, base first
     * @param unknownFields fields this module does not model, kept as read
     * @throws IllegalArgumentException if the type is not {@code "layers"}
     */
    public RootFs {
        if (!LAYERS.equals(type)) {
            throw new IllegalArgumentException("rootfs type must be \"layers\", got \"" + type + "\"");
        }
        diffIds = List.copyOf(diffIds);
        Objects.requireNonNull(unknownFields, "unknownFields");
    }

    /**
     * Returns a root filesystem of these layers.
     *
     * @param diffIds the uncompressed layer digests, base first
     * @return the root filesystem
     */
    public static RootFs of(List<Digest> diffIds) {
        return new RootFs(LAYERS, diffIds, UnknownFields.none());
    }

    /**
     * Returns this root filesystem with another layer on top.
     *
     * @param diffId the uncompressed digest of the new layer
     * @return the new root filesystem
     */
    public RootFs withDiffId(Digest diffId) {
        List<Digest> more = new ArrayList<>(diffIds);
        more.add(Objects.requireNonNull(diffId, "diffId"));
        return new RootFs(type, more, unknownFields);
    }
}

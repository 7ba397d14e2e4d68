package dev.stevedore.layerstore;

/**
 * How {@link LayerApplier} writes a layer's whiteouts.
 *
 * <pre>{@code
 * LayerApplier.of(ApplyOptions.of(ApplyMode.OVERLAY)).apply(blob, snapshotDir);
 * }</pre>
 */
public enum ApplyMode {
    /**
     * One directory per layer, stacked later as overlay lower directories: {@code .wh.<name>}
     * becomes a character device 0/0 named {@code <name>}, {@code .wh..wh..opq} the extended
     * attribute {@code trusted.overlay.opaque=y} on its directory. Whiteouts need root
     * ({@code CAP_MKNOD} and {@code CAP_SYS_ADMIN}). The directory should start empty.
     */
    OVERLAY,
    /**
     * One merged tree that every layer is applied onto, base first: {@code .wh.<name>} deletes
     * {@code <name>}, {@code .wh..wh..opq} deletes what lower layers put in its directory. As the
     * OCI image specification says, whiteouts only act on lower layers: whatever this same layer
     * adds, before or after its whiteouts, stays.
     */
    IN_PLACE
}

package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.util.Objects;

/**
 * What applying a layer produced.
 *
 * <pre>{@code
 * ApplyResult r = applier.apply(blob, dir);
 * if (!r.diffId().equals(expectedDiffId)) throw ...; // the config's rootfs.diff_ids entry
 * }</pre>
 *
 * @param diffId the SHA-256 of the uncompressed tar, every byte of it (also what follows the end
 *     marker), computed while applying: compare it with the image config's diff ID
 * @param entries how many tar entries were applied, whiteouts included
 * @param size the uncompressed tar's size in bytes
 * @param ownersApplied whether files got the owners the tar names; {@code false} when not running
 *     as root, where every file belongs to the current user
 * @param droppedXattrs how many extended attributes were left out ({@code trusted.*} ones, and ones the
 *     file system does not support)
 */
public record ApplyResult(Digest diffId, long entries, long size, boolean ownersApplied, long droppedXattrs) {
    /**
     * Checks the values.
     *
     * @param diffId the diff ID
     * @param entries the entry count
     * @param size the uncompressed size
     * @param ownersApplied whether owners were applied
     * @param droppedXattrs the dropped attribute count
     */
    public ApplyResult {
        Objects.requireNonNull(diffId, "diffId");
        if (entries < 0 || size < 0 || droppedXattrs < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + entries + ", " + size + ", "
                    + droppedXattrs);
        }
    }
}

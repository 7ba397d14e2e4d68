package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One complete snapshot: a layer's files in overlay format, shared read-only by every image and
 * container stacked on it. Never write into {@link #fs()}.
 *
 * @param chainId the chain ID of the layers up to and including this one (its key)
 * @param parent the chain ID of the layers below, if any
 * @param diffId this layer's diff ID
 * @param id the short numeric id naming its directory
 * @param fs the directory holding the layer's files, an overlay lower directory
 */
public record Snapshot(ChainId chainId, Optional<ChainId> parent, Digest diffId, long id, Path fs) {
    /**
     * Checks the values.
     *
     * @param chainId the chain ID
     * @param parent the parent chain ID
     * @param diffId the diff ID
     * @param id the numeric id
     * @param fs the directory
     */
    public Snapshot {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(fs, "fs");
    }
}

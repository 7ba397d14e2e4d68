package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.util.Objects;
import java.util.Set;

/**
 * A named GC root: blobs and snapshots kept for as long as the hold exists, such as a
 * build-cache entry or a container's image.
 *
 * <pre>{@code new Hold("container/4f2a", Set.of(manifestDigest), Set.copyOf(chainIds))}</pre>
 *
 * <p>A held blob that is a manifest or index keeps what it refers to, as a ref would; a held
 * config keeps the snapshots of its layers.
 *
 * @param name the hold's name, unique in the store
 * @param blobs digests of the blobs it keeps
 * @param snapshots chain IDs of the snapshots it keeps
 */
public record Hold(String name, Set<Digest> blobs, Set<ChainId> snapshots) {
    /**
     * Creates a hold.
     *
     * @param name the hold's name, not empty
     * @param blobs digests of the blobs it keeps
     * @param snapshots chain IDs of the snapshots it keeps
     * @throws IllegalArgumentException if the name is empty
     */
    public Hold {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a hold needs a name");
        }
        blobs = Set.copyOf(blobs);
        snapshots = Set.copyOf(snapshots);
    }
}

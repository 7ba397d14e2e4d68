package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Named GC roots, kept in {@code .stevedore/holds/} until removed (unlike a {@link Lease}, a
 * hold never expires). The engine registers build-cache entries and containers here.
 *
 * <pre>{@code
 * store.holds().put("build-cache/" + key, Set.of(layer.digest()), Set.of(chainId));
 * store.holds().remove("build-cache/" + key);
 * }</pre>
 */
public interface Holds {
    /**
     * Creates or replaces a hold; durable when this returns.
     *
     * @param name the hold's name, not empty
     * @param blobs the blobs it keeps
     * @param snapshots the snapshots it keeps
     */
    void put(String name, Set<Digest> blobs, Set<ChainId> snapshots);

    /**
     * Looks a hold up.
     *
     * @param name the hold's name
     * @return the hold, or empty if there is none of that name
     */
    Optional<Hold> get(String name);

    /**
     * Removes a hold; what it kept stays until GC finds nothing else keeps it.
     *
     * @param name the hold's name
     * @return whether there was such a hold
     */
    boolean remove(String name);

    /**
     * Returns every hold.
     *
     * @return the holds, sorted by name
     */
    List<Hold> list();
}

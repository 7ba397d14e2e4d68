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
 * store.holds().removeLazily("container/" + id); // its return after a crash would be harmless
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
     * Removes a hold like {@link #remove}, but without waiting for the removal to reach the disk
     * (no directory fsync): other threads and processes see it gone at once, but after a crash
     * of the machine the hold may be back. Only for holds whose return is harmless, as it keeps
     * its content from GC a while longer: say, holds whose owner can be told gone, so that they
     * are dropped again later.
     *
     * @param name the hold's name
     * @return whether there was such a hold
     */
    default boolean removeLazily(String name) {
        return remove(name);
    }

    /**
     * Returns every hold.
     *
     * @return the holds, sorted by name
     */
    List<Hold> list();
}

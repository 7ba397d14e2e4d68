package dev.stevedore.layerstore;

import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Which numeric owner and group each layer entry gets, from the owner and group the file has
 * on disk. Implementations must be pure functions (the same ids always map to the same owner)
 * and thread-safe; they are never asked about whiteout entries, which are always 0:0.
 *
 * <pre>{@code
 * LayerWriter.builder().ownership(TarOwnership.keep());          // ids as on disk
 * LayerWriter.builder().ownership(TarOwnership.root());          // everything 0:0
 * LayerWriter.builder().ownership(TarOwnership.remap(            // a rootless container's ids
 *         uid -> uid - 100000, gid -> gid - 100000));
 * }</pre>
 */
@FunctionalInterface
public interface TarOwnership {
    /**
     * Maps the ids a file has on disk to the ids its entry gets.
     *
     * @param uid the file's owner on disk, unsigned
     * @param gid the file's group on disk, unsigned
     * @return the entry's owner and group
     */
    TarOwner map(long uid, long gid);

    /**
     * Keeps the ids each file has on disk.
     *
     * @return the identity mapping
     */
    static TarOwnership keep() {
        return TarOwner::new;
    }

    /**
     * Gives every entry the same owner and group.
     *
     * @param owner the owner and group for all entries
     * @return the constant mapping
     */
    static TarOwnership fixed(TarOwner owner) {
        Objects.requireNonNull(owner, "owner");
        return (uid, gid) -> owner;
    }

    /**
     * Gives every entry owner and group 0:0, as {@code COPY} without {@code --chown} does.
     *
     * @return the constant mapping to root
     */
    static TarOwnership root() {
        return fixed(TarOwner.ROOT);
    }

    /**
     * Maps owner and group independently, for example out of a user namespace's range.
     *
     * @param uids the owner mapping
     * @param gids the group mapping
     * @return the mapping; it throws {@link IllegalArgumentException} for a result outside 0..4294967294
     */
    static TarOwnership remap(LongUnaryOperator uids, LongUnaryOperator gids) {
        Objects.requireNonNull(uids, "uids");
        Objects.requireNonNull(gids, "gids");
        return (uid, gid) -> new TarOwner(uids.applyAsLong(uid), gids.applyAsLong(gid));
    }
}

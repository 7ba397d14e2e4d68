package dev.stevedore.layerstore;

/**
 * The numeric owner and group a layer entry gets, as {@link TarOwnership} decides. Values are
 * unsigned 32-bit ids held in a {@code long}; user and group names are never written.
 *
 * @param uid the owner, 0 to 4294967294
 * @param gid the group, 0 to 4294967294
 */
public record TarOwner(long uid, long gid) {
    private static final long MAX_ID = 0xFFFF_FFFEL;

    /** The owner root:root (0:0). */
    public static final TarOwner ROOT = new TarOwner(0, 0);

    /**
     * Creates the value.
     *
     * @param uid the owner
     * @param gid the group
     * @throws IllegalArgumentException if an id is negative or above 4294967294 ({@code (uid_t) -1} is not an id)
     */
    public TarOwner {
        if (uid < 0 || uid > MAX_ID || gid < 0 || gid > MAX_ID) {
            throw new IllegalArgumentException("uid and gid must be 0.." + MAX_ID + ": " + uid + ":" + gid);
        }
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}

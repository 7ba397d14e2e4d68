package dev.stevedore.layerstore;

import java.time.Instant;
import java.util.Map;

/**
 * What a written file gets besides its contents.
 *
 * @param mode permission bits with set-user-ID, set-group-ID and sticky ({@code 07777})
 * @param uid the owner (applied only as root)
 * @param gid the group (applied only as root)
 * @param atime the access time
 * @param mtime the modification time
 * @param xattrs extended attributes by full name, already filtered
 */
record ApplyMetadata(int mode, int uid, int gid, Instant atime, Instant mtime, Map<String, byte[]> xattrs) {
    /** @param newMode permission bits @return this metadata with another mode */
    ApplyMetadata withMode(int newMode) {
        return new ApplyMetadata(newMode, uid, gid, atime, mtime, xattrs);
    }

    /** @param newXattrs attributes @return this metadata with other attributes */
    ApplyMetadata withXattrs(Map<String, byte[]> newXattrs) {
        return new ApplyMetadata(mode, uid, gid, atime, mtime, newXattrs);
    }
}

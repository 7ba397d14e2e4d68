package dev.stevedore.layerstore;

import java.time.Instant;
import java.util.Map;

/**
 * One tar entry's header, with its PAX and GNU extensions folded in.
 *
 * @param name the name as the tar has it (not yet normalized)
 * @param type what kind of file it is
 * @param size the size of its data in the archive
 * @param mode permission bits, with set-user-ID, set-group-ID and sticky
 * @param uid the numeric owner
 * @param gid the numeric group
 * @param mtime the modification time
 * @param atime the access time (the modification time when the tar has none)
 * @param linkName a link's target, empty otherwise
 * @param devMajor a device's major number
 * @param devMinor a device's minor number
 * @param xattrs extended attributes by full name, in archive order
 */
record ApplyEntry(String name, Type type, long size, int mode, int uid, int gid, Instant mtime, Instant atime,
        String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {

    /** The entry types a layer may hold. */
    enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO }

    /** @return the metadata to give the file */
    ApplyMetadata metadata() {
        return new ApplyMetadata(mode, uid, gid, atime, mtime, xattrs);
    }
}

package dev.stevedore.layerstore;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a layer tar as it is encoded: everything in it is already decided (owner
 * mapped, mtime clamped, hard links resolved).
 *
 * @param path the path inside the layer: relative, {@code /}-separated, no trailing slash
 * @param type the entry type
 * @param mode permission bits including set-user-id, set-group-id and sticky
 * @param owner numeric owner and group
 * @param size the content size (regular files only; 0 otherwise)
 * @param mtime modification time in whole seconds since the epoch
 * @param linkName symbolic link target, or hard link target path; empty otherwise
 * @param devMajor device major number (devices only)
 * @param devMinor device minor number (devices only)
 * @param xattrs extended attributes to record, in name order
 */
record TarEntry(String path, Type type, int mode, TarOwner owner, long size, long mtime, String linkName,
        int devMajor, int devMinor, List<Map.Entry<String, byte[]>> xattrs) {
    /** The tar type flags this writer produces. */
    enum Type {
        REGULAR('0'), HARDLINK('1'), SYMLINK('2'), CHAR_DEVICE('3'), BLOCK_DEVICE('4'), DIRECTORY('5'), FIFO('6');

        private final byte flag;

        Type(char flag) {
            this.flag = (byte) flag;
        }

        byte flag() {
            return flag;
        }
    }

    TarEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(linkName, "linkName");
        xattrs = List.copyOf(xattrs);
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("entry paths are relative without a trailing slash: " + path);
        }
    }

    /** An entry without content, link or xattrs: a whiteout or opaque marker (mode 0, 0:0, mtime 0). */
    static TarEntry marker(String path) {
        return new TarEntry(path, Type.REGULAR, 0, TarOwner.ROOT, 0, 0, "", 0, 0, List.of());
    }
}

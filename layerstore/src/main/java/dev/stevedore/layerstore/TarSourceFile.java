package dev.stevedore.layerstore;

import dev.stevedore.posix.Devices;
import dev.stevedore.posix.ModeBits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What a layer needs to know about one file, read without following symbolic links: its
 * {@code lstat} fields, all its extended attributes and, for a symbolic link, the target.
 *
 * @param name the file's name in its directory
 * @param mode type and permission bits
 * @param dev the device the file is on
 * @param ino the inode number
 * @param nlink the number of hard links
 * @param uid the owner, unsigned
 * @param gid the group, unsigned
 * @param rdev for devices: the device it stands for
 * @param size the size in bytes
 * @param mtime the modification time
 * @param xattrs every extended attribute (overlay's own included), ordered by name bytes
 * @param linkTarget for a symbolic link: its target verbatim; empty otherwise
 */
record TarSourceFile(String name, int mode, long dev, long ino, long nlink, long uid, long gid, long rdev,
        long size, Instant mtime, SortedMap<String, byte[]> xattrs, String linkTarget) {
    private static final String[] OVERLAY_PREFIXES = {"trusted.overlay.", "user.overlay."};

    TarSourceFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(xattrs, "xattrs");
        Objects.requireNonNull(linkTarget, "linkTarget");
    }

    int type() {
        return mode & ModeBits.S_IFMT;
    }

    int permissions() {
        return mode & 07777;
    }

    boolean isDirectory() {
        return type() == ModeBits.S_IFDIR;
    }

    boolean isRegular() {
        return type() == ModeBits.S_IFREG;
    }

    boolean isSymlink() {
        return type() == ModeBits.S_IFLNK;
    }

    /** Whether this is an overlayfs whiteout: a character device with device number 0/0. */
    boolean isOverlayWhiteout() {
        return type() == ModeBits.S_IFCHR && Devices.major(rdev) == 0 && Devices.minor(rdev) == 0;
    }

    /** The value of an overlayfs xattr in either namespace ({@code trusted.overlay.X}, {@code user.overlay.X}). */
    byte[] overlayXattr(String suffix) {
        for (String prefix : OVERLAY_PREFIXES) {
            byte[] value = xattrs.get(prefix + suffix);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Whether overlayfs made this directory opaque ({@code opaque=y}; {@code x} only marks xwhiteouts). */
    boolean isOverlayOpaque() {
        byte[] value = overlayXattr("opaque");
        return value != null && value.length == 1 && value[0] == 'y';
    }

    /** Whether an xattr belongs to overlayfs itself and never goes into a layer. */
    static boolean isOverlayXattr(String name) {
        for (String prefix : OVERLAY_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two files carry the same xattrs, overlay's own aside. */
    boolean sameLayerXattrs(TarSourceFile other) {
        List<Map.Entry<String, byte[]>> mine = layerXattrs();
        List<Map.Entry<String, byte[]>> theirs = other.layerXattrs();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).getKey().equals(theirs.get(i).getKey())
                    || !Arrays.equals(mine.get(i).getValue(), theirs.get(i).getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The xattrs that go into a layer: all but overlay's own, in name order. */
    List<Map.Entry<String, byte[]>> layerXattrs() {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>(xattrs.size());
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            if (!isOverlayXattr(e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }
}

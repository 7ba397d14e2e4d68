package dev.stevedore.testing;

import java.util.Objects;

/**
 * One file system object of a fixture tree: a directory, a regular file with its bytes, or
 * a symlink. Paths are relative, {@code /}-separated, without a leading {@code /} or
 * {@code ./}; modes are permission bits only (including setuid, setgid and sticky).
 */
record TreeEntry(String path, Kind kind, int mode, int uid, int gid, byte[] content, String linkTarget) {
    enum Kind { DIRECTORY, FILE, SYMLINK }

    TreeEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.startsWith("./")) {
            throw new IllegalArgumentException("tree paths are relative, like \"bin/sh\": " + path);
        }
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode holds more than permission bits: " + Integer.toOctalString(mode));
        }
        content = content.clone();
    }

    static TreeEntry directory(String path, int mode) {
        return directory(path, mode, 0, 0);
    }

    static TreeEntry directory(String path, int mode, int uid, int gid) {
        return new TreeEntry(path, Kind.DIRECTORY, mode, uid, gid, new byte[0], "");
    }

    static TreeEntry file(String path, int mode, byte[] content) {
        return new TreeEntry(path, Kind.FILE, mode, 0, 0, content, "");
    }

    static TreeEntry symlink(String path, String target) {
        return new TreeEntry(path, Kind.SYMLINK, 0777, 0, 0, new byte[0], target);
    }

    /** The file's bytes (a copy); empty for directories and symlinks. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    int size() {
        return content.length;
    }
}

package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The changes from a lower tree to a new tree (a changed copy of it) as a layer, for the
 * copying snapshotter. Both trees are walked together, directory by directory, children in
 * byte order of their names.
 *
 * <ul>
 *   <li><b>Deleted</b> (in the lower tree only): a whiteout {@code .wh.<name>}; whiteouts come
 *       before the other children of their directory.
 *   <li><b>Added</b> (in the new tree only): the entry and, for a directory, everything below.
 *   <li><b>Type changed</b>: the new entry (and its subtree); the OCI spec has appliers remove
 *       the old path first, so no whiteout is needed.
 *   <li><b>Directory replaced</b>: a directory in both trees that keeps none of the lower one's
 *       children (and had some) is written with an opaque marker {@code .wh..wh..opq} and all
 *       of its new content, instead of one whiteout per old child.
 *   <li><b>Changed</b> non-directory: permissions, owner, group, xattrs (overlay's own aside) or
 *       mtime differ; or the size (regular file), target (symbolic link) or device number
 *       differ. When a regular file's size and mtime are equal and the mtime has no sub-second
 *       part (a filesystem or copy that keeps whole seconds, an archive's extraction), mtime
 *       cannot tell, so the contents are compared byte by byte.
 *   <li><b>Directories</b> are written when their own metadata changed, or else only as the
 *       parent of something written below them.
 * </ul>
 *
 * <p>The copy must keep mtimes (as {@code cp -a} does); a copy that does not makes every file
 * look changed. The root directory itself is never an entry.
 */
final class TreeDiff {
    private static final int COMPARE_BUFFER = 64 * 1024;

    private TreeDiff() {}

    static void walk(TarDirectory lower, TarDirectory upper, TarEmitter out) throws IOException {
        children(lower, upper, lower.names(), upper.names(), "", out);
    }

    private static void children(TarDirectory lowerDir, TarDirectory newDir, List<String> lowerNames,
            List<String> newNames, String prefix, TarEmitter out) throws IOException {
        Set<String> lowerSet = new HashSet<>(lowerNames);
        Set<String> newSet = new HashSet<>(newNames);
        for (String name : lowerNames) {
            if (!newSet.contains(name)) {
                out.whiteout(prefix, name);
            }
        }
        for (String name : newNames) {
            TarSourceFile now = newDir.read(name);
            TarWalks.checkName(newDir, now);
            String path = prefix + name;
            if (!lowerSet.contains(name)) {
                added(newDir, path, now, out);
                continue;
            }
            TarSourceFile before = lowerDir.read(name);
            if (now.isDirectory() && before.isDirectory()) {
                try (TarDirectory lowerChild = lowerDir.openDirectory(name);
                        TarDirectory newChild = newDir.openDirectory(name)) {
                    directory(lowerChild, newChild, path, before, now, out);
                }
            } else if (now.isDirectory()) {
                added(newDir, path, now, out);
            } else if (changed(lowerDir, before, newDir, now)) {
                out.file(newDir, path, now);
            }
        }
    }

    private static void directory(TarDirectory lowerDir, TarDirectory newDir, String path, TarSourceFile before,
            TarSourceFile now, TarEmitter out) throws IOException {
        List<String> lowerNames = lowerDir.names();
        List<String> newNames = newDir.names();
        if (!lowerNames.isEmpty() && disjoint(lowerNames, newNames)) {
            out.directory(path, now, newDir.path());
            out.opaque(path + "/");
            TarTreeWalk.walk(newDir, path + "/", out);
            return;
        }
        if (!sameMetadata(before, now)) {
            out.directory(path, now, newDir.path());
            children(lowerDir, newDir, lowerNames, newNames, path + "/", out);
        } else {
            out.pushPending(path, now, newDir.path());
            try {
                children(lowerDir, newDir, lowerNames, newNames, path + "/", out);
            } finally {
                out.popPending();
            }
        }
    }

    private static void added(TarDirectory dir, String path, TarSourceFile file, TarEmitter out) throws IOException {
        if (file.isDirectory()) {
            out.directory(path, file, dir.path(file.name()));
            try (TarDirectory child = dir.openDirectory(file.name())) {
                TarTreeWalk.walk(child, path + "/", out);
            }
        } else {
            out.file(dir, path, file);
        }
    }

    private static boolean sameMetadata(TarSourceFile before, TarSourceFile now) {
        return before.type() == now.type() && before.permissions() == now.permissions()
                && before.uid() == now.uid() && before.gid() == now.gid()
                && before.mtime().equals(now.mtime()) && before.sameLayerXattrs(now);
    }

    private static boolean changed(TarDirectory lowerDir, TarSourceFile before, TarDirectory newDir,
            TarSourceFile now) throws IOException {
        if (!sameMetadata(before, now)) {
            return true;
        }
        if (now.isRegular()) {
            if (before.size() != now.size()) {
                return true;
            }
            return now.mtime().getNano() == 0 && contentsDiffer(lowerDir, before, newDir, now);
        }
        if (now.isSymlink()) {
            return !before.linkTarget().equals(now.linkTarget());
        }
        return before.rdev() != now.rdev();
    }

    private static boolean contentsDiffer(TarDirectory lowerDir, TarSourceFile before, TarDirectory newDir,
            TarSourceFile now) throws IOException {
        byte[] a = new byte[COMPARE_BUFFER];
        byte[] b = new byte[COMPARE_BUFFER];
        try (FileChannel left = lowerDir.openFile(before.name()); FileChannel right = newDir.openFile(now.name())) {
            while (true) {
                int n = fill(left, a);
                int m = fill(right, b);
                if (n != m || Arrays.mismatch(a, 0, n, b, 0, m) >= 0) {
                    return true;
                }
                if (n < COMPARE_BUFFER) {
                    return false;
                }
            }
        }
    }

    /** Reads until the buffer is full or the file ends; returns the number of bytes read. */
    private static int fill(FileChannel in, byte[] buffer) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer);
        while (target.hasRemaining()) {
            if (in.read(target) < 0) {
                break;
            }
        }
        return target.position();
    }

    private static boolean disjoint(List<String> a, List<String> b) {
        Set<String> set = new HashSet<>(a);
        for (String name : b) {
            if (set.contains(name)) {
                return false;
            }
        }
        return true;
    }
}

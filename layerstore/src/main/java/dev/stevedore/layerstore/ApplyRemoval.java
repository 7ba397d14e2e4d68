package dev.stevedore.layerstore;

import static dev.stevedore.posix.OpenFlags.O_CLOEXEC;
import static dev.stevedore.posix.OpenFlags.O_DIRECTORY;
import static dev.stevedore.posix.OpenFlags.O_NOFOLLOW;
import static dev.stevedore.posix.OpenFlags.O_RDONLY;

import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.FileStat;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.OpenHow;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Recursive removal by descriptor: each directory is opened with {@code O_NOFOLLOW} beneath
 * its parent's descriptor, its names are listed through the descriptor's {@code /proc/self/fd}
 * link (which names that very directory), and each name is removed with {@code unlinkat} on the
 * descriptor. A symbolic link is removed, never followed, so nothing outside is touched.
 */
final class ApplyRemoval {
    private static final OpenHow OPEN_CHILD = OpenHow.of(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC,
            ApplyTree.LEAF);

    private final Syscalls sys;
    private final boolean root;

    ApplyRemoval(Syscalls sys, boolean root) {
        this.sys = sys;
        this.root = root;
    }

    /**
     * Removes a directory and everything in it.
     *
     * @param parent the directory holding it
     * @param name its name
     * @throws PosixException if a removal fails
     */
    void removeTree(Fd parent, Path name) {
        try (Fd dir = sys.openat2(parent, name, OPEN_CHILD)) {
            empty(dir);
        }
        sys.unlinkat(parent, name, AtFlags.AT_REMOVEDIR);
    }

    /**
     * Removes every entry of a directory whose path {@code keep} rejects; recurses into kept directories.
     *
     * @param dir the directory, open for reading
     * @param path its path in the tree
     * @param keep which paths stay
     * @throws PosixException if a removal fails
     */
    void prune(Fd dir, String path, Predicate<String> keep) {
        writable(dir);
        for (String child : list(dir)) {
            String childPath = ApplyPaths.child(path, child);
            Path name = Path.of(child);
            FileStat st = sys.fstatat(dir, name, AtFlags.AT_SYMLINK_NOFOLLOW);
            boolean directory = st.type() == ModeBits.S_IFDIR;
            if (!keep.test(childPath)) {
                if (directory) {
                    removeTree(dir, name);
                } else {
                    sys.unlinkat(dir, name, 0);
                }
            } else if (directory) {
                try (Fd sub = sys.openat2(dir, name, OPEN_CHILD)) {
                    prune(sub, childPath, keep);
                }
            }
        }
    }

    private void empty(Fd dir) {
        writable(dir);
        for (String child : list(dir)) {
            Path name = Path.of(child);
            try {
                sys.unlinkat(dir, name, 0);
            } catch (PosixException e) {
                if (e.errno() != Errno.EISDIR) {
                    throw e;
                }
                removeTree(dir, name);
            }
        }
    }

    /** Not root: a read-only directory's entries cannot be removed, so give the owner write access. */
    private void writable(Fd dir) {
        if (!root) {
            FileStat st = sys.fstat(dir);
            if ((st.mode() & 0700) != 0700) {
                sys.fchmod(dir, st.permissions() | 0700);
            }
        }
    }

    private static List<String> list(Fd dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc/self/fd/" + dir.number()))) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list directory descriptor " + dir, e);
        }
        return names;
    }
}

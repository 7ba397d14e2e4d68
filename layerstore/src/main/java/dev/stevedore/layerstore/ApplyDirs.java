package dev.stevedore.layerstore;

import static dev.stevedore.posix.OpenFlags.O_CLOEXEC;
import static dev.stevedore.posix.OpenFlags.O_DIRECTORY;
import static dev.stevedore.posix.OpenFlags.O_PATH;

import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.FileStat;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.OpenHow;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The directories of an {@link ApplyTree}, opened confined to its root: {@code openat2(root,
 * path, O_PATH | O_DIRECTORY, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV)}, so a
 * symbolic link on the way resolves as it would inside a container (an absolute target or
 * {@code ..} stops at the root) and no mount point is crossed. Missing directories are created
 * (mode 0755) one component at a time, each inside its resolved parent.
 *
 * <p>Descriptors are cached by path. When anything that could change how a path resolves is
 * removed (a directory or a symbolic link), the whole cache is dropped; dropped descriptors stay
 * open until the next {@link #begin}, so an operation may keep using the ones it holds.
 */
final class ApplyDirs implements AutoCloseable {
    static final long IN_ROOT = OpenHow.RESOLVE_IN_ROOT | OpenHow.RESOLVE_NO_MAGICLINKS | OpenHow.RESOLVE_NO_XDEV;
    private static final OpenHow OPEN_DIR = OpenHow.of(O_PATH | O_DIRECTORY | O_CLOEXEC, IN_ROOT);
    private static final int CACHE_SIZE = 256;
    private static final int EAGAIN_RETRIES = 10;

    /** An open directory: the group new entries in it get, and whether it passes set-group-ID on. */
    record Dir(Fd fd, int newGid, boolean setgid) {}

    private final Syscalls sys;
    private final Path rootPath;
    private final Fd root;
    private final Dir rootDir;
    private final int gid;
    private final Map<String, Dir> cache = new HashMap<>();
    private final List<Fd> retired = new ArrayList<>();
    private String entry = "";

    ApplyDirs(Syscalls sys, Path rootPath, Fd root, int gid) {
        this.sys = sys;
        this.rootPath = rootPath;
        this.root = root;
        this.gid = gid;
        this.rootDir = describe(root, "");
    }

    /** Starts an entry: names it in messages, closes dropped descriptors. */
    void begin(String name) {
        entry = name;
        for (Fd fd : retired) {
            fd.close();
        }
        retired.clear();
    }

    /** @return the entry being applied, for messages */
    String entry() {
        return entry;
    }

    /**
     * The open directory at {@code path}, resolved inside the root.
     *
     * @param create whether to create missing directories on the way
     * @return the directory, or {@code null} if missing (or not a directory) and not {@code create}
     * @throws ApplyException if it cannot be resolved or created
     */
    Dir dir(String path, boolean create) {
        if (path.isEmpty()) {
            return rootDir;
        }
        Dir cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        Fd fd;
        try {
            fd = open(path);
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT && create) {
                return create(path);
            }
            if (!create && (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR)) {
                return null;
            }
            throw unresolvable(path, e);
        }
        return remember(path, fd);
    }

    /** Drops every cached descriptor: paths may resolve elsewhere now. */
    void forget() {
        for (Dir d : cache.values()) {
            retired.add(d.fd());
        }
        cache.clear();
    }

    @Override
    public void close() {
        forget();
        begin(entry);
    }

    private Fd open(String path) {
        for (int attempt = 0; ; attempt++) {
            try {
                return sys.openat2(root, Path.of(path), OPEN_DIR);
            } catch (PosixException e) {
                // RESOLVE_IN_ROOT asks to retry when a rename raced with the lookup
                if (e.errno() != Errno.EAGAIN || attempt >= EAGAIN_RETRIES) {
                    throw e;
                }
            } catch (InvalidPathException e) {
                throw ApplyTree.unrepresentable(rootPath, entry, e);
            }
        }
    }

    private Dir create(String path) {
        Dir current = rootDir;
        int from = 0;
        while (from <= path.length()) {
            int slash = path.indexOf('/', from);
            int end = slash < 0 ? path.length() : slash;
            String prefix = path.substring(0, end);
            Dir next = cache.get(prefix);
            if (next == null) {
                Fd fd;
                try {
                    fd = open(prefix);
                } catch (PosixException e) {
                    if (e.errno() != Errno.ENOENT) {
                        throw unresolvable(prefix, e);
                    }
                    fd = make(current, prefix, path.substring(from, end));
                }
                next = remember(prefix, fd);
            }
            current = next;
            from = end + 1;
        }
        return current;
    }

    private Fd make(Dir parent, String prefix, String component) {
        try {
            sys.mkdirat(parent.fd(), Path.of(component), 0755);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw new ApplyException(rootPath, entry, "could not create its parent \"" + prefix + "\": "
                        + e.getMessage(), e);
            }
        }
        try {
            return open(prefix);
        } catch (PosixException e) {
            // mkdirat found a name there that still does not resolve: a dangling symbolic link
            throw new ApplyException(rootPath, entry, "its parent \"" + prefix + "\" is a symbolic link to nothing "
                    + "(inside the tree)", e);
        }
    }

    private Dir remember(String path, Fd fd) {
        Dir d;
        try {
            d = describe(fd, path);
        } catch (RuntimeException e) {
            fd.close();
            throw e;
        }
        if (cache.size() >= CACHE_SIZE) {
            forget();
        }
        cache.put(path, d);
        return d;
    }

    private Dir describe(Fd fd, String path) {
        FileStat st;
        try {
            st = sys.fstat(fd);
        } catch (PosixException e) {
            throw new ApplyException(rootPath, entry, "could not inspect the directory \"" + path + "\": "
                    + e.getMessage(), e);
        }
        boolean setgid = (st.mode() & ModeBits.S_ISGID) != 0;
        return new Dir(fd, setgid ? st.gid() : gid, setgid);
    }

    private ApplyException unresolvable(String path, PosixException e) {
        return switch (e.errno()) {
            case ENOTDIR -> new ApplyException(rootPath, entry, "its parent \"" + path + "\" is not a directory", e);
            case ELOOP -> new ApplyException(rootPath, entry, "its parent \"" + path
                    + "\" has too many symbolic links (a loop?)", e);
            case EXDEV -> new ApplyRefusedException(rootPath, entry, ApplyRefusedException.Reason.RESOLVES_OUTSIDE,
                    "its parent \"" + path + "\" resolves across a mount point");
            default -> new ApplyException(rootPath, entry, "could not open its parent \"" + path + "\": "
                    + e.getMessage(), e);
        };
    }
}

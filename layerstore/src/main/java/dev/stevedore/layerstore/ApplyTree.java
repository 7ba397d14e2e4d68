package dev.stevedore.layerstore;

import static dev.stevedore.posix.OpenFlags.O_CLOEXEC;
import static dev.stevedore.posix.OpenFlags.O_CREAT;
import static dev.stevedore.posix.OpenFlags.O_DIRECTORY;
import static dev.stevedore.posix.OpenFlags.O_EXCL;
import static dev.stevedore.posix.OpenFlags.O_NOFOLLOW;
import static dev.stevedore.posix.OpenFlags.O_PATH;
import static dev.stevedore.posix.OpenFlags.O_RDONLY;
import static dev.stevedore.posix.OpenFlags.O_WRONLY;

import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Devices;
import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.FileStat;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.OpenHow;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory tree written without ever leaving it: every parent directory is opened confined
 * to the root ({@link ApplyDirs}: {@code openat2} with {@code RESOLVE_IN_ROOT}), so a symbolic
 * link on the way (from this layer or a lower one) resolves as it would inside a container and
 * can never lead out; the last component is then acted on with {@code *at} calls
 * on that descriptor that never follow it ({@code O_CREAT|O_EXCL|O_NOFOLLOW}, {@code mkdirat},
 * {@code symlinkat}, {@code mknodat}, {@code linkat} without {@code AT_SYMLINK_FOLLOW},
 * {@code AT_SYMLINK_NOFOLLOW}). Owners, modes, attributes and times go through the new file's
 * own descriptor or the no-follow {@code *at} calls: nothing is changed through a link.
 *
 * <p>An existing entry is replaced ("later wins", as tar does): a directory over a directory
 * merges; anything else removes what was there first (recursively for a directory), so data is
 * never written into an existing file, through a link or into a hard-linked inode.
 *
 * <p>Regular files of 64 KiB or more are written through a channel opened on the new file's
 * {@code /proc/self/fd} link (which names that very file and cannot be redirected), sparing the
 * copies JNA makes of every buffer; small ones with {@code write(2)} through posix. Directory
 * times are set last, in {@link #finish()}, after their children.
 */
final class ApplyTree implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApplyTree.class);
    static final long LEAF = OpenHow.RESOLVE_BENEATH | OpenHow.RESOLVE_NO_SYMLINKS | OpenHow.RESOLVE_NO_MAGICLINKS
            | OpenHow.RESOLVE_NO_XDEV;
    private static final OpenHow READ_DIR = OpenHow.of(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, LEAF);
    private static final long CHANNEL_THRESHOLD = 64 << 10;
    private static final Path DOT = Path.of(".");
    private static final byte[] OPAQUE = {'y'};

    /** Writes one file's data to the sink it is given. */
    interface Data {
        /** @param sink receives the data, piece by piece */
        void copyTo(ApplyTarReader.DataSink sink);
    }

    private final Syscalls sys;
    private final Path rootPath;
    private final Fd root;
    private final ApplyIdentity identity;
    private final boolean owners;
    private final ApplyDirs dirs;
    private final Map<String, ApplyMetadata> dirMetadata = new LinkedHashMap<>();
    private final ApplyRemoval removal;
    private long droppedXattrs;

    private ApplyTree(Syscalls sys, Path rootPath, Fd root, ApplyIdentity identity) {
        this.sys = sys;
        this.rootPath = rootPath;
        this.root = root;
        this.identity = identity;
        this.owners = identity.root();
        this.dirs = new ApplyDirs(sys, rootPath, root, identity.gid());
        this.removal = new ApplyRemoval(sys, identity.root());
    }

    /**
     * Opens a tree.
     *
     * @param sys the system calls
     * @param rootPath an existing directory, trusted (resolved normally)
     * @param identity who writes
     * @return the tree
     * @throws ApplyException if it cannot be opened
     */
    static ApplyTree open(Syscalls sys, Path rootPath, ApplyIdentity identity) {
        Fd root;
        try {
            root = sys.openat(Fd.cwd(), rootPath, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        } catch (PosixException e) {
            throw new ApplyException(rootPath, "", "the target directory cannot be opened: " + e.getMessage(), e);
        }
        try {
            return new ApplyTree(sys, rootPath, root, identity);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** @return how many extended attributes the file system refused as unsupported */
    long droppedXattrs() {
        return droppedXattrs;
    }

    /** @return whether owners are applied (as root) */
    boolean owners() {
        return owners;
    }

    /**
     * Starts an entry: names it in messages, closes descriptors dropped from the cache.
     *
     * @param name the entry's name as the archive has it
     */
    void begin(String name) {
        dirs.begin(name);
    }

    // ---- entries ---------------------------------------------------------------------------

    /**
     * Writes a regular file.
     *
     * @param size how many bytes {@code data} hands out
     */
    void file(String path, ApplyMetadata meta, long size, Data data) {
        ApplyDirs.Dir d = dirs.dir(ApplyPaths.parent(path), true);
        Path name = name(path);
        OpenHow how = new OpenHow(O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, meta.mode() & 0777, LEAF);
        Fd f;
        try {
            f = sys.openat2(d.fd(), name, how);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw failed("create the file", e);
            }
            replace(d, name);
            f = call("create the file", () -> sys.openat2(d.fd(), name, how));
        }
        try (Fd file = f) {
            writeData(file, size, data);
            boolean chowned = owners && (meta.uid() != identity.uid() || meta.gid() != d.newGid());
            if (chowned) {
                run("set the owner", () -> sys.fchown(file, meta.uid(), meta.gid()));
            }
            if ((meta.mode() & identity.umask()) != 0 || (meta.mode() & 07000) != 0) {
                run("set the mode", () -> sys.fchmod(file, meta.mode()));
            }
            for (Map.Entry<String, byte[]> x : meta.xattrs().entrySet()) {
                xattr(x.getKey(), () -> sys.fsetxattr(file, x.getKey(), x.getValue(), 0));
            }
            run("set the times", () -> sys.futimens(file, meta.atime(), meta.mtime()));
        }
    }

    /** Creates a directory, or merges into the one there; its times are set in {@link #finish()}. */
    void directory(String path, ApplyMetadata meta) {
        if (path.isEmpty()) {
            try (Fd self = call("open the root", () -> sys.openat2(root, DOT, READ_DIR))) {
                directoryMetadata(self, meta, true);
            }
            dirMetadata.put(path, meta);
            return;
        }
        ApplyDirs.Dir d = dirs.dir(ApplyPaths.parent(path), true);
        Path name = name(path);
        int createMode = (meta.mode() & 0777) | (identity.root() ? 0 : 0700);
        boolean fresh = true;
        try {
            sys.mkdirat(d.fd(), name, createMode);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw failed("create the directory", e);
            }
            if (stat(d, name).type() == ModeBits.S_IFDIR) {
                fresh = false;
            } else {
                replace(d, name);
                run("create the directory", () -> sys.mkdirat(d.fd(), name, createMode));
            }
        }
        boolean chown = owners && (!fresh || meta.uid() != identity.uid() || meta.gid() != d.newGid());
        boolean chmod = !fresh || d.setgid() || (meta.mode() & identity.umask()) != 0 || (meta.mode() & 07000) != 0
                || createMode != meta.mode();
        if (chown || chmod || !meta.xattrs().isEmpty()) {
            try (Fd self = call("open the directory", () -> sys.openat2(d.fd(), name, READ_DIR))) {
                directoryMetadata(self, meta, chown);
            }
        }
        dirMetadata.put(path, meta);
    }

    private void directoryMetadata(Fd self, ApplyMetadata meta, boolean chown) {
        if (chown && owners) {
            run("set the owner", () -> sys.fchown(self, meta.uid(), meta.gid()));
        }
        // not root: keep rwx for the owner until finish(), or the children could not be written
        int mode = identity.root() ? meta.mode() : meta.mode() | 0700;
        run("set the mode", () -> sys.fchmod(self, mode));
        for (Map.Entry<String, byte[]> x : meta.xattrs().entrySet()) {
            xattr(x.getKey(), () -> sys.fsetxattr(self, x.getKey(), x.getValue(), 0));
        }
    }

    /** Creates a symbolic link; its target is stored as is and never followed. */
    void symlink(String path, String target, ApplyMetadata meta) {
        ApplyDirs.Dir d = dirs.dir(ApplyPaths.parent(path), true);
        Path name = name(path);
        try {
            sys.symlinkat(target, d.fd(), name);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw failed("create the symbolic link", e);
            }
            replace(d, name);
            run("create the symbolic link", () -> sys.symlinkat(target, d.fd(), name));
        }
        leafMetadata(d, name, meta, false);
    }

    /** Creates a FIFO or device node ({@code type} is {@link ModeBits#S_IFIFO}, {@code S_IFCHR} or {@code S_IFBLK}). */
    void node(String path, int type, int major, int minor, ApplyMetadata meta) {
        ApplyDirs.Dir d = dirs.dir(ApplyPaths.parent(path), true);
        Path name = name(path);
        int mode = type | (meta.mode() & 0777);
        long device = type == ModeBits.S_IFIFO ? 0 : Devices.makedev(major, minor);
        try {
            sys.mknodat(d.fd(), name, mode, device);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw failed("create the " + (type == ModeBits.S_IFIFO ? "FIFO" : "device node"), e);
            }
            replace(d, name);
            run("create the node", () -> sys.mknodat(d.fd(), name, mode, device));
        }
        leafMetadata(d, name, meta, (meta.mode() & identity.umask()) != 0 || (meta.mode() & 07000) != 0);
    }

    private void leafMetadata(ApplyDirs.Dir d, Path name, ApplyMetadata meta, boolean chmod) {
        if (owners && (meta.uid() != identity.uid() || meta.gid() != d.newGid())) {
            run("set the owner", () -> sys.fchownat(d.fd(), name, meta.uid(), meta.gid(), AtFlags.AT_SYMLINK_NOFOLLOW));
        }
        if (chmod) {
            run("set the mode", () -> sys.fchmodat(d.fd(), name, meta.mode(), AtFlags.AT_SYMLINK_NOFOLLOW));
        }
        if (!meta.xattrs().isEmpty()) {
            Path leaf = procPath(d, name);
            for (Map.Entry<String, byte[]> x : meta.xattrs().entrySet()) {
                xattr(x.getKey(), () -> sys.lsetxattr(leaf, x.getKey(), x.getValue(), 0));
            }
        }
        run("set the times", () -> sys.utimensat(d.fd(), name, meta.atime(), meta.mtime(),
                AtFlags.AT_SYMLINK_NOFOLLOW));
    }

    /**
     * Creates a hard link to {@code target}, a path in this tree. A link to a symbolic link links
     * the symbolic link itself.
     */
    void hardlink(String path, String target) {
        ApplyDirs.Dir from = dirs.dir(ApplyPaths.parent(target), false);
        if (from == null) {
            throw new ApplyException(rootPath, dirs.entry(), "its hard link target \"" + target + "\" does not exist");
        }
        ApplyDirs.Dir to = dirs.dir(ApplyPaths.parent(path), true);
        Path fromName = name(target);
        Path name = name(path);
        try {
            sys.linkat(from.fd(), fromName, to.fd(), name, 0);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw linkFailed(target, e);
            }
            replace(to, name);
            try {
                sys.linkat(from.fd(), fromName, to.fd(), name, 0);
            } catch (PosixException again) {
                throw linkFailed(target, again);
            }
        }
    }

    private ApplyException linkFailed(String target, PosixException e) {
        return switch (e.errno()) {
            case ENOENT -> new ApplyException(rootPath, dirs.entry(), "its hard link target \"" + target
                    + "\" does not exist in this tree", e);
            case EPERM -> new ApplyException(rootPath, dirs.entry(), "its hard link target \"" + target
                    + "\" cannot be linked (a directory?)", e);
            case EXDEV -> new ApplyRefusedException(rootPath, dirs.entry(), ApplyRefusedException.Reason.RESOLVES_OUTSIDE,
                    "its hard link target \"" + target + "\" is on another file system");
            default -> failed("create the hard link", e);
        };
    }

    /** Makes an overlay whiteout (character device 0/0) named {@code path}. */
    void whiteout(String path) {
        ApplyDirs.Dir d = dirs.dir(ApplyPaths.parent(path), true);
        Path name = name(path);
        try {
            sys.mknodat(d.fd(), name, ModeBits.S_IFCHR, Devices.makedev(0, 0));
        } catch (PosixException e) {
            if (e.errno() == Errno.EPERM) {
                throw new ApplyException(rootPath, dirs.entry(), "an overlay whiteout is a device node, which needs root "
                        + "(CAP_MKNOD): apply in place instead, or run as root", e);
            }
            if (e.errno() != Errno.EEXIST) {
                throw failed("create the overlay whiteout", e);
            }
            FileStat st = stat(d, name);
            if (st.type() != ModeBits.S_IFCHR || st.rdev() != 0) {
                replace(d, name);
                run("create the overlay whiteout", () -> sys.mknodat(d.fd(), name, ModeBits.S_IFCHR, 0));
            }
        }
    }

    /** Marks a directory overlay-opaque ({@code trusted.overlay.opaque=y}), creating it if missing. */
    void opaque(String path) {
        ApplyDirs.Dir d = dirs.dir(path, true);
        try (Fd self = call("open the directory", () -> sys.openat2(d.fd(), DOT, READ_DIR))) {
            sys.fsetxattr(self, "trusted.overlay.opaque", OPAQUE, 0);
        } catch (PosixException e) {
            if (e.errno() == Errno.EPERM) {
                throw new ApplyException(rootPath, dirs.entry(), "an overlay opaque directory needs a trusted.* attribute, "
                        + "which needs root (CAP_SYS_ADMIN): apply in place instead, or run as root", e);
            }
            throw failed("mark the directory opaque", e);
        }
    }

    /** @return whether {@code path} is a directory (not a link to one) */
    boolean isDirectory(String path) {
        if (path.isEmpty()) {
            return true;
        }
        ApplyDirs.Dir d = dirs.dir(ApplyPaths.parent(path), false);
        if (d == null) {
            return false;
        }
        try {
            return sys.fstatat(d.fd(), name(path), AtFlags.AT_SYMLINK_NOFOLLOW).type() == ModeBits.S_IFDIR;
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw failed("inspect \"" + path + "\"", e);
        }
    }

    /** Removes whatever is at {@code path}, recursively; nothing if there is nothing. */
    void remove(String path) {
        ApplyDirs.Dir d = dirs.dir(ApplyPaths.parent(path), false);
        if (d == null) {
            return;
        }
        Path name = name(path);
        FileStat st;
        try {
            st = sys.fstatat(d.fd(), name, AtFlags.AT_SYMLINK_NOFOLLOW);
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            throw failed("inspect \"" + path + "\"", e);
        }
        removeExisting(d, name, st);
    }

    /** Removes everything under directory {@code path} that {@code keep} does not accept (recursing into kept directories). */
    void prune(String path, Predicate<String> keep) {
        ApplyDirs.Dir d = dirs.dir(path, false);
        if (d == null) {
            return;
        }
        try (Fd self = call("open the directory", () -> sys.openat2(d.fd(), DOT, READ_DIR))) {
            removal.prune(self, path, keep);
        } catch (PosixException e) {
            throw failed("clear the opaque directory \"" + path + "\"", e);
        } catch (java.io.UncheckedIOException e) {
            throw new ApplyException(rootPath, dirs.entry(), "could not clear the opaque directory \"" + path
                    + "\": " + e.getMessage(), e);
        }
        dirs.forget();
    }

    /** Sets directory times (and, when not root, their final modes), now that no entry will change them. */
    void finish() {
        begin(dirs.entry());
        for (Map.Entry<String, ApplyMetadata> e : dirMetadata.entrySet()) {
            String path = e.getKey();
            ApplyMetadata meta = e.getValue();
            dirs.begin(path);
            if (path.isEmpty()) {
                if (!identity.root()) {
                    run("set the mode", () -> sys.fchmodat(root, DOT, meta.mode(), 0));
                }
                run("set the times", () -> sys.futimens(root, meta.atime(), meta.mtime()));
                continue;
            }
            ApplyDirs.Dir d = dirs.dir(ApplyPaths.parent(path), false);
            if (d == null) {
                continue; // removed later in the layer
            }
            Path name = name(path);
            try {
                if (!identity.root() && (meta.mode() & 0700) != 0700) {
                    sys.fchmodat(d.fd(), name, meta.mode(), AtFlags.AT_SYMLINK_NOFOLLOW);
                }
                sys.utimensat(d.fd(), name, meta.atime(), meta.mtime(), AtFlags.AT_SYMLINK_NOFOLLOW);
            } catch (PosixException x) {
                if (x.errno() != Errno.ENOENT) {
                    throw failed("set the directory's times", x);
                }
            }
        }
    }

    @Override
    public void close() {
        dirs.close();
        root.close();
    }

    // ---- replacing -------------------------------------------------------------------------

    private void replace(ApplyDirs.Dir d, Path name) {
        FileStat st;
        try {
            st = sys.fstatat(d.fd(), name, AtFlags.AT_SYMLINK_NOFOLLOW);
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            throw failed("inspect what it replaces", e);
        }
        removeExisting(d, name, st);
    }

    private void removeExisting(ApplyDirs.Dir d, Path name, FileStat st) {
        try {
            if (st.type() == ModeBits.S_IFDIR) {
                removal.removeTree(d.fd(), name);
            } else {
                sys.unlinkat(d.fd(), name, 0);
            }
        } catch (PosixException e) {
            throw failed("remove what was at \"" + name + "\"", e);
        } catch (java.io.UncheckedIOException e) {
            throw new ApplyException(rootPath, dirs.entry(), "could not remove what was at \"" + name + "\": "
                    + e.getMessage(), e);
        }
        if (st.type() == ModeBits.S_IFDIR || st.type() == ModeBits.S_IFLNK) {
            dirs.forget();
        }
    }

    private FileStat stat(ApplyDirs.Dir d, Path name) {
        return call("inspect what is there", () -> sys.fstatat(d.fd(), name, AtFlags.AT_SYMLINK_NOFOLLOW));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void writeData(Fd file, long size, Data data) {
        if (size >= CHANNEL_THRESHOLD) {
            // Large files: write through a channel on the descriptor's /proc link, which names the
            // very file just created (it cannot be redirected), sparing JNA's copies of each buffer.
            FileChannel channel = null;
            try {
                channel = FileChannel.open(Path.of("/proc/self/fd/" + file.number()), StandardOpenOption.WRITE);
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("writing {} through JNA: cannot reopen its descriptor: {}", dirs.entry(), e.toString());
            }
            if (channel != null) {
                try (FileChannel out = channel) {
                    data.copyTo((buffer, offset, length) -> write(out, buffer, offset, length));
                } catch (IOException e) {
                    throw new ApplyException(rootPath, dirs.entry(), "could not write the file: " + e, e);
                }
                return;
            }
        }
        data.copyTo((buffer, offset, length) -> write(file, buffer, offset, length));
    }

    private void write(FileChannel out, byte[] buffer, int offset, int length) {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new ApplyException(rootPath, dirs.entry(), "could not write the file: " + e, e);
        }
    }

    private void write(Fd file, byte[] buffer, int offset, int length) {
        // JNA copies a whole array: hand it exactly the bytes to write
        byte[] piece = offset == 0 && length == buffer.length ? buffer : Arrays.copyOfRange(buffer, offset,
                offset + length);
        int done = 0;
        while (done < length) {
            int from = done;
            done += call("write the file", () -> sys.write(file, piece, from, length - from));
        }
    }

    private void xattr(String name, Runnable set) {
        try {
            set.run();
        } catch (PosixException e) {
            // unsupported here; user.* on links and devices; not root: security.capability and the like
            if (e.errno() == Errno.EOPNOTSUPP || e.errno() == Errno.EPERM && (name.startsWith("user.")
                    || !identity.root())) {
                droppedXattrs++;
                log.warn("dropped extended attribute {} of {} in {}: {}", name, dirs.entry(), rootPath, e.errno());
                return;
            }
            throw failed("set the extended attribute " + name, e);
        }
    }

    private Path name(String path) {
        try {
            return Path.of(ApplyPaths.base(path));
        } catch (InvalidPathException e) {
            throw unrepresentable(rootPath, dirs.entry(), e);
        }
    }

    private static Path procPath(ApplyDirs.Dir d, Path name) {
        return Path.of("/proc/self/fd/" + d.fd().number() + "/" + name);
    }

    static ApplyException unrepresentable(Path rootPath, String entry, InvalidPathException e) {
        return new ApplyException(rootPath, entry, "its name cannot be a file name in this JVM (sun.jnu.encoding="
                + System.getProperty("sun.jnu.encoding") + "; run with a UTF-8 locale such as LANG=C.UTF-8)", e);
    }

    ApplyException failed(String action, PosixException e) {
        return new ApplyException(rootPath, dirs.entry(), "could not " + action + ": " + e.getMessage(), e);
    }

    private interface Call<T> {
        T get();
    }

    private <T> T call(String action, Call<T> call) {
        try {
            return call.get();
        } catch (PosixException e) {
            throw failed(action, e);
        }
    }

    private void run(String action, Runnable call) {
        try {
            call.run();
        } catch (PosixException e) {
            throw failed(action, e);
        }
    }
}

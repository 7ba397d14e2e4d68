package dev.stevedore.layerstore;

import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.OpenHow;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One directory of a tree being written as a layer, held open by a descriptor so that
 * nothing below it is ever reached through a symbolic link or from outside the tree.
 *
 * <p>Subdirectories are opened with {@code openat2} relative to this descriptor, refusing any
 * symbolic link and anything beneath-escaping ({@code RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS});
 * the children are listed, stat'ed ({@code lstat} semantics), read and their xattrs listed
 * through this descriptor's {@code /proc/self/fd/N} link, which the kernel resolves to exactly
 * this directory, with only the last component looked up without following a link. A file that
 * is swapped for a symbolic link while the layer is written thus fails instead of being followed.
 */
final class TarDirectory implements AutoCloseable {
    private static final Syscalls SYS = Syscalls.linux();
    private static final String STAT_ATTRIBUTES = "unix:mode,ino,dev,nlink,uid,gid,rdev,size,lastModifiedTime";
    private static final long RESOLVE = OpenHow.RESOLVE_BENEATH | OpenHow.RESOLVE_NO_SYMLINKS
            | OpenHow.RESOLVE_NO_MAGICLINKS;
    private static final int DIRECTORY_FLAGS = OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_NOFOLLOW
            | OpenFlags.O_CLOEXEC;

    private final Fd fd;
    private final Path proc;
    private final Path shown;

    private TarDirectory(Fd fd, Path shown) {
        this.fd = fd;
        this.proc = Path.of("/proc/self/fd", Integer.toString(fd.number()));
        this.shown = shown;
    }

    /**
     * Opens the root of a tree. The path itself may go through symbolic links (as the caller
     * chose it); nothing below it will.
     *
     * @param dir the directory
     * @return the open directory
     * @throws LayerWriterException if it is not a directory or cannot be opened
     */
    static TarDirectory openRoot(Path dir) {
        Path absolute = dir.toAbsolutePath();
        try {
            return new TarDirectory(SYS.openat(Fd.cwd(), absolute, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY
                    | OpenFlags.O_CLOEXEC, 0), absolute);
        } catch (PosixException e) {
            throw new LayerWriterException(absolute, e.errno() == Errno.ENOTDIR ? "it is not a directory"
                    : "cannot open the directory: " + e.getMessage(), e);
        }
    }

    /** The directory's path, for messages. */
    Path path() {
        return shown;
    }

    /** The path of a child, for messages. */
    Path path(String name) {
        return shown.resolve(name);
    }

    /**
     * Opens a subdirectory, refusing symbolic links.
     *
     * @param name the child's name
     * @return the open subdirectory
     */
    TarDirectory openDirectory(String name) {
        try {
            return new TarDirectory(SYS.openat2(fd, Path.of(name), OpenHow.of(DIRECTORY_FLAGS, RESOLVE)), path(name));
        } catch (PosixException e) {
            throw new LayerWriterException(path(name), "cannot open the directory (was it replaced while"
                    + " the layer was written?): " + e.getMessage(), e);
        }
    }

    /**
     * The names of the children, in {@link TarNames#BYTE_ORDER}.
     *
     * @return the names, without {@code .} and {@code ..}
     */
    List<String> names() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(proc)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        } catch (IOException e) {
            throw new LayerWriterException(shown, "cannot list the directory: " + e, e);
        } catch (DirectoryIteratorException e) {
            throw new LayerWriterException(shown, "cannot list the directory: " + e.getCause(), e.getCause());
        }
        return sortByBytes(names);
    }

    /**
     * Reads a child's status, xattrs and link target, never following a link.
     *
     * @param name the child's name
     * @return what a layer needs to know about it
     */
    TarSourceFile read(String name) {
        Path child = proc.resolve(name);
        Map<String, Object> st;
        try {
            st = Files.readAttributes(child, STAT_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new LayerWriterException(path(name), "cannot read its status: " + e, e);
        }
        int mode = (Integer) st.get("mode");
        String target = "";
        if ((mode & ModeBits.S_IFMT) == ModeBits.S_IFLNK) {
            target = readLink(name);
        }
        return new TarSourceFile(name, mode, (Long) st.get("dev"), (Long) st.get("ino"),
                Integer.toUnsignedLong((Integer) st.get("nlink")), Integer.toUnsignedLong((Integer) st.get("uid")),
                Integer.toUnsignedLong((Integer) st.get("gid")), (Long) st.get("rdev"), (Long) st.get("size"),
                ((FileTime) st.get("lastModifiedTime")).toInstant(), xattrs(name, child), target);
    }

    /**
     * Opens a regular file for reading, refusing a symbolic link.
     *
     * @param name the child's name
     * @return a channel over its bytes
     */
    FileChannel openFile(String name) {
        try {
            return FileChannel.open(proc.resolve(name), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new LayerWriterException(path(name), "cannot open the file: " + e, e);
        }
    }

    @Override
    public void close() {
        fd.close();
    }

    private String readLink(String name) {
        try {
            return SYS.readlinkat(fd, Path.of(name));
        } catch (PosixException e) {
            throw new LayerWriterException(path(name), "cannot read the symbolic link: " + e.getMessage(), e);
        }
    }

    private TreeMap<String, byte[]> xattrs(String name, Path child) {
        TreeMap<String, byte[]> xattrs = new TreeMap<>(TarNames.BYTE_ORDER);
        List<String> names;
        try {
            names = SYS.llistxattr(child);
        } catch (PosixException e) {
            if (e.errno() == Errno.EOPNOTSUPP) {
                return xattrs;
            }
            throw new LayerWriterException(path(name), "cannot list its xattrs: " + e.getMessage(), e);
        }
        for (String xattr : names) {
            Optional<byte[]> value;
            try {
                value = SYS.lgetxattr(child, xattr);
            } catch (PosixException e) {
                throw new LayerWriterException(path(name), "cannot read its xattr " + xattr + ": " + e.getMessage(), e);
            }
            value.ifPresent(v -> xattrs.put(xattr, v));
        }
        return xattrs;
    }

    private static List<String> sortByBytes(List<String> names) {
        record Keyed(String name, byte[] key) {}
        List<Keyed> keyed = new ArrayList<>(names.size());
        for (String name : names) {
            keyed.add(new Keyed(name, TarNames.utf8(name)));
        }
        keyed.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        List<String> sorted = new ArrayList<>(keyed.size());
        for (Keyed k : keyed) {
            sorted.add(k.name());
        }
        return sorted;
    }
}

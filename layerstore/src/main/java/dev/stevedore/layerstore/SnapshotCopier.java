package dev.stevedore.layerstore;

import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Devices;
import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.FileStat;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.RenameFlags;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an overlay upper directory into a snapshot: a rename on the same file system, else a
 * copy that keeps everything overlay and the layer need (owners, modes with set-user-ID bits,
 * times, hard links, symbolic links, FIFOs, devices, whiteouts, every extended attribute
 * including {@code trusted.overlay.*}), followed by deleting the source. The source is read
 * without following links; the copy is written through {@link ApplyTree}, so it cannot leave
 * the snapshot either.
 */
final class SnapshotCopier {
    private static final Logger log = LoggerFactory.getLogger(SnapshotCopier.class);
    private static final int BUFFER = 1 << 20;

    private SnapshotCopier() {}

    /**
     * Puts {@code upper} at {@code fs}, an empty directory that is replaced.
     *
     * @throws SnapshotException if it can be neither moved nor copied
     */
    static void moveOrCopy(Syscalls sys, Path upper, Path fs) {
        try {
            sys.unlinkat(Fd.cwd(), fs, AtFlags.AT_REMOVEDIR);
            try {
                sys.renameat2(Fd.cwd(), upper, Fd.cwd(), fs, RenameFlags.RENAME_NOREPLACE);
                return;
            } catch (PosixException e) {
                sys.mkdirat(Fd.cwd(), fs, 0755);
                if (e.errno() != Errno.EXDEV) {
                    throw e;
                }
            }
        } catch (PosixException e) {
            throw new SnapshotException("move the upper directory " + upper + " to", fs, e.getMessage(), e);
        }
        log.debug("{} is on another file system than {}: copying", upper, fs);
        copy(sys, upper, fs);
        try (Fd parent = sys.openat(Fd.cwd(), upper.getParent(), dev.stevedore.posix.OpenFlags.O_PATH
                | dev.stevedore.posix.OpenFlags.O_DIRECTORY | dev.stevedore.posix.OpenFlags.O_CLOEXEC, 0)) {
            new ApplyRemoval(sys, ApplyIdentity.current().root()).removeTree(parent, upper.getFileName());
        } catch (PosixException | UncheckedIOException e) {
            throw new SnapshotException("delete the copied upper directory", upper, e.getMessage(), e);
        }
    }

    /**
     * Copies a tree with all its metadata.
     *
     * @throws SnapshotException if reading or writing fails
     */
    static void copy(Syscalls sys, Path source, Path target) {
        Map<List<Long>, String> linked = new HashMap<>();
        try (ApplyTree tree = ApplyTree.open(sys, target, ApplyIdentity.current())) {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String rel = relative(source, dir);
                    tree.begin(rel);
                    tree.directory(rel, metadata(sys, dir, sys.fstatat(Fd.cwd(), dir, AtFlags.AT_SYMLINK_NOFOLLOW)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = relative(source, file);
                    tree.begin(rel);
                    copyEntry(sys, tree, file, rel, linked);
                    return FileVisitResult.CONTINUE;
                }
            });
            tree.finish();
        } catch (IOException | UncheckedIOException | PosixException e) {
            throw new SnapshotException("copy " + source + " to", target, e.getMessage(), e);
        }
    }

    private static void copyEntry(Syscalls sys, ApplyTree tree, Path file, String rel, Map<List<Long>, String> linked)
            throws IOException {
        FileStat st = sys.fstatat(Fd.cwd(), file, AtFlags.AT_SYMLINK_NOFOLLOW);
        ApplyMetadata meta = metadata(sys, file, st);
        switch (st.type()) {
            case ModeBits.S_IFREG -> {
                List<Long> inode = List.of(st.dev(), st.ino());
                String first = st.nlink() > 1 ? linked.putIfAbsent(inode, rel) : null;
                if (first != null) {
                    tree.hardlink(rel, first);
                    return;
                }
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    tree.file(rel, meta, st.size(), sink -> transfer(in, sink));
                }
            }
            case ModeBits.S_IFLNK -> tree.symlink(rel, sys.readlinkat(Fd.cwd(), file), meta);
            case ModeBits.S_IFCHR, ModeBits.S_IFBLK -> tree.node(rel, st.type(), Devices.major(st.rdev()),
                    Devices.minor(st.rdev()), meta); // a character device 0/0 is an overlay whiteout: kept as it is
            case ModeBits.S_IFIFO -> tree.node(rel, ModeBits.S_IFIFO, 0, 0, meta);
            default -> log.warn("left out {}: a socket has no place in a layer", file);
        }
    }

    private static void transfer(FileChannel in, ApplyTarReader.DataSink sink) {
        byte[] buffer = new byte[BUFFER];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        try {
            while (true) {
                wrapped.clear();
                int n = in.read(wrapped);
                if (n < 0) {
                    return;
                }
                sink.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApplyMetadata metadata(Syscalls sys, Path path, FileStat st) {
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        for (String name : sys.llistxattr(path)) {
            sys.lgetxattr(path, name).ifPresent(value -> xattrs.put(name, value));
        }
        return new ApplyMetadata(st.permissions(), st.uid(), st.gid(), st.atime(), st.mtime(), xattrs);
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString();
    }
}

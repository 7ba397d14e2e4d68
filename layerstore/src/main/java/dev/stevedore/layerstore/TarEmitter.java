package dev.stevedore.layerstore;

import dev.stevedore.posix.Devices;
import dev.stevedore.posix.ModeBits;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns files into tar entries, applying the writer's rules, in the order the walkers call
 * it: owner and group through the {@link TarOwnership}; mtime in whole seconds, clamped to the
 * source date epoch if one is set; permissions as on disk; xattrs except overlayfs's own; the
 * second and later paths of an inode with several links as hard links to the first path
 * written; sockets skipped (tar cannot hold them).
 *
 * <p>Directories can be announced as pending: they are written only if something below them
 * is, just before it (the tree differ's unchanged parents of a changed file).
 */
final class TarEmitter {
    private static final Logger log = LoggerFactory.getLogger(TarEmitter.class);

    private final TarStream tar;
    private final TarOwnership ownership;
    private final long epochSeconds;
    private final Map<FileKey, String> firstLinks = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private int written;

    private record FileKey(long dev, long ino) {}

    private record Pending(String path, TarSourceFile file, Path shown) {}

    /**
     * @param epochSeconds the latest mtime any entry may carry; {@link Long#MAX_VALUE} for none
     */
    TarEmitter(TarStream tar, TarOwnership ownership, long epochSeconds) {
        this.tar = tar;
        this.ownership = ownership;
        this.epochSeconds = epochSeconds;
    }

    /** Writes a directory entry. */
    void directory(String path, TarSourceFile dir, Path shown) throws IOException {
        flushPending();
        write(entry(path, dir, TarEntry.Type.DIRECTORY, 0, "", shown));
    }

    /** Announces a directory written only if an entry below it is. Pair with {@link #popPending()}. */
    void pushPending(String path, TarSourceFile dir, Path shown) {
        pending.add(new Pending(path, dir, shown));
    }

    /** Forgets the innermost announced directory (if it was not written, it is not needed). */
    void popPending() {
        pending.remove(pending.size() - 1);
        written = Math.min(written, pending.size());
    }

    /**
     * Writes a non-directory: regular file (content read from {@code dir}), hard link,
     * symbolic link, device or FIFO.
     */
    void file(TarDirectory dir, String path, TarSourceFile file) throws IOException {
        int type = file.type();
        if (type == ModeBits.S_IFSOCK) {
            log.debug("skipping socket {}", dir.path(file.name()));
            return;
        }
        flushPending();
        Path shown = dir.path(file.name());
        if (file.nlink() > 1) {
            FileKey key = new FileKey(file.dev(), file.ino());
            String first = firstLinks.putIfAbsent(key, path);
            if (first != null) {
                write(new TarEntry(path, TarEntry.Type.HARDLINK, file.permissions(), owner(file, shown), 0,
                        mtime(file), first, 0, 0, List.of()));
                return;
            }
        }
        switch (type) {
            case ModeBits.S_IFREG -> {
                write(entry(path, file, TarEntry.Type.REGULAR, file.size(), "", shown));
                try (FileChannel content = dir.openFile(file.name())) {
                    tar.copy(content, file.size(), shown);
                }
            }
            case ModeBits.S_IFLNK -> write(entry(path, file, TarEntry.Type.SYMLINK, 0, file.linkTarget(), shown));
            case ModeBits.S_IFCHR -> write(entry(path, file, TarEntry.Type.CHAR_DEVICE, 0, "", shown));
            case ModeBits.S_IFBLK -> write(entry(path, file, TarEntry.Type.BLOCK_DEVICE, 0, "", shown));
            case ModeBits.S_IFIFO -> write(entry(path, file, TarEntry.Type.FIFO, 0, "", shown));
            default -> throw new LayerWriterException(shown, "unknown file type 0" + Integer.toOctalString(type));
        }
    }

    /** Writes the OCI whiteout {@code <dirPrefix>.wh.<name>} hiding {@code name} of lower layers. */
    void whiteout(String dirPrefix, String name) throws IOException {
        flushPending();
        write(TarEntry.marker(dirPrefix + TarNames.WHITEOUT_PREFIX + name));
    }

    /** Writes the OCI opaque marker {@code <dirPrefix>.wh..wh..opq}. */
    void opaque(String dirPrefix) throws IOException {
        flushPending();
        write(TarEntry.marker(dirPrefix + TarNames.OPAQUE_MARKER));
    }

    private void flushPending() throws IOException {
        while (written < pending.size()) {
            Pending p = pending.get(written);
            write(entry(p.path(), p.file(), TarEntry.Type.DIRECTORY, 0, "", p.shown()));
            written++;
        }
    }

    private TarEntry entry(String path, TarSourceFile file, TarEntry.Type type, long size, String link, Path shown) {
        int major = 0;
        int minor = 0;
        if (type == TarEntry.Type.CHAR_DEVICE || type == TarEntry.Type.BLOCK_DEVICE) {
            major = Devices.major(file.rdev());
            minor = Devices.minor(file.rdev());
        }
        return new TarEntry(path, type, file.permissions(), owner(file, shown), size, mtime(file), link, major,
                minor, file.layerXattrs());
    }

    private TarOwner owner(TarSourceFile file, Path shown) {
        TarOwner owner;
        try {
            owner = ownership.map(file.uid(), file.gid());
        } catch (RuntimeException e) {
            throw new LayerWriterException(shown, "the ownership mapping failed for " + file.uid() + ":"
                    + file.gid() + ": " + e.getMessage(), e);
        }
        if (owner == null) {
            throw new LayerWriterException(shown, "the ownership mapping returned null for " + file.uid() + ":"
                    + file.gid());
        }
        return owner;
    }

    private long mtime(TarSourceFile file) {
        return Math.min(file.mtime().getEpochSecond(), epochSeconds);
    }

    private void write(TarEntry entry) throws IOException {
        tar.write(TarHeaders.encode(entry));
    }
}

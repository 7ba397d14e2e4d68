package dev.stevedore.layerstore;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * An image archive being imported, a directory or a tar file, seen as named entries; names are
 * relative, {@code '/'}-separated and normalized, and links inside the archive are followed.
 */
interface ArchiveSource extends Closeable {
    /** One regular file of the archive. */
    record Entry(String name, long size, Opener opener) {
        InputStream open() throws IOException {
            return opener.open();
        }
    }

    /** Opens an entry's content. */
    interface Opener {
        InputStream open() throws IOException;
    }

    /** Opens a directory as it is, or a tar file (plain, gzip or zstd). */
    static ArchiveSource open(Path path, StorePaths paths, OpenRoot root) {
        if (Files.isDirectory(path)) {
            return new DirectorySource(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidArchiveException(path, "", "no such file or directory");
        }
        return PackedArchive.open(path, paths, root);
    }

    /** The directory or file this was opened from. */
    Path origin();

    /** The regular file of that name, following links, if there is one. */
    Optional<Entry> entry(String name);

    /** Reads a whole entry that must exist and be at most {@code limit} bytes (JSON documents). */
    default byte[] readSmall(String name, long limit) {
        Entry entry = entry(name).orElseThrow(() -> new InvalidArchiveException(origin(), name, "missing"));
        if (entry.size() > limit) {
            throw new InvalidArchiveException(origin(), name, "is " + entry.size() + " bytes, more than the "
                    + limit + " allowed for it");
        }
        try (InputStream in = entry.open()) {
            return in.readNBytes((int) limit + 1);
        } catch (IOException e) {
            throw new StoreIOException("read " + name + " from the archive", origin(), e);
        }
    }

    @Override
    void close();

    /**
     * Normalizes a name inside an archive: drops {@code "."}, empty parts and a leading
     * {@code '/'}, resolves {@code ".."}.
     *
     * @return the normalized name, or empty if it climbs above the archive's root
     */
    static Optional<String> normalize(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }
}

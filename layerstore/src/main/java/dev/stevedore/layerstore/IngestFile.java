package dev.stevedore.layerstore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A temp file in {@code .stevedore/ingest/}, on the store's file system so it can be renamed
 * into place. While it is open it is marked busy twice: in this JVM's {@link OpenRoot} (so GC
 * here never opens it) and by a {@link java.nio.channels.FileLock} on its own channel (so GC in
 * another JVM sees it is in use; the lock dies with the process, which makes a crashed writer's
 * file collectable). Closing it deletes the file unless it was {@link #moveTo moved}.
 */
final class IngestFile implements Closeable {
    private static final int MAX_ATTEMPTS = 3;

    private final OpenRoot root;
    private final Path path;
    private final FileChannel channel;
    private boolean moved;
    private boolean closed;

    private IngestFile(OpenRoot root, Path path, FileChannel channel) {
        this.root = root;
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates and locks a new temp file.
     *
     * @param paths the store's paths
     * @param root the JVM-wide state of the store
     * @param hint a readable prefix for the name, such as the expected digest's hex
     */
    static IngestFile create(StorePaths paths, OpenRoot root, String hint) {
        // Between creating and locking, a GC in another process (run with a zero grace) could
        // take the file for a crashed writer's and delete it. Once locked it is safe; so if it
        // is gone by then, start again with a new name.
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path path = paths.ingest().resolve(hint + "-" + DurableFiles.randomId() + ".tmp");
            root.registerTemp(path);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                channel.lock();
            } catch (IOException e) {
                closeQuietly(channel);
                DurableFiles.deleteQuietly(path);
                root.unregisterTemp(path);
                throw new StoreIOException("create an ingest file", path, e);
            }
            if (Files.exists(path)) {
                return new IngestFile(root, path, channel);
            }
            closeQuietly(channel);
            root.unregisterTemp(path);
        }
        throw new StoreException("could not create an ingest file in " + paths.ingest() + ": another process's"
                + " garbage collection deleted " + MAX_ATTEMPTS + " new files in a row");
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    /** Renames the file to {@code target} atomically; closing then keeps it there. */
    void moveTo(Path target) throws IOException {
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
    }

    /** Releases the lock, closes the file, and deletes it unless it was moved. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!moved) {
                // Delete while still locked, so no other JVM's GC can be mid-probe on it.
                DurableFiles.deleteQuietly(path);
            }
            closeQuietly(channel);
        } finally {
            root.unregisterTemp(path);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // The file is deleted or already durable; nothing is lost.
        }
    }
}

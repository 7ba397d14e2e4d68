package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every {@link LayerStore} of this JVM on the same root shares: the one
 * {@link FileStoreLock} (one channel on the lock file per JVM, see there) and the set of ingest
 * temp files this JVM is writing, which GC must not probe with a file lock of its own (closing
 * that probe's channel would drop the writer's lock). Reference counted: the last
 * {@link #release()} closes the lock file.
 *
 * <p>Roots are told apart by the lock file's identity (device and inode), so two paths to one
 * store, through symlinks or bind mounts, share one entry.
 */
final class OpenRoot {
    private static final Map<Object, OpenRoot> OPEN = new HashMap<>();

    private final Object key;
    private final FileStoreLock lock;
    private final Set<Path> activeTemps = ConcurrentHashMap.newKeySet();
    private int users;

    private OpenRoot(Object key, FileStoreLock lock) {
        this.key = key;
        this.lock = lock;
    }

    /** Returns the shared state for the store whose metadata directory exists under {@code paths}. */
    static OpenRoot acquire(StorePaths paths) {
        Path lockFile = paths.lockFile();
        Object key;
        try {
            if (!Files.exists(lockFile)) {
                try {
                    Files.createFile(lockFile);
                } catch (FileAlreadyExistsException e) {
                    // another process made it first
                }
            }
            Object fileKey = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
            key = fileKey != null ? fileKey : lockFile.toRealPath();
        } catch (IOException e) {
            throw new StoreIOException("create the store lock file", lockFile, e);
        }
        synchronized (OPEN) {
            OpenRoot root = OPEN.computeIfAbsent(key, k -> new OpenRoot(k, new FileStoreLock(lockFile)));
            root.users++;
            return root;
        }
    }

    FileStoreLock lock() {
        return lock;
    }

    /** Marks a temp file as being written by this JVM; call before creating it. */
    void registerTemp(Path file) {
        activeTemps.add(file);
    }

    void unregisterTemp(Path file) {
        activeTemps.remove(file);
    }

    boolean isActiveTemp(Path file) {
        return activeTemps.contains(file);
    }

    /** Drops one user; the last one closes the lock file. Call once per {@link #acquire}. */
    void release() {
        synchronized (OPEN) {
            users--;
            if (users > 0) {
                return;
            }
            OPEN.remove(key);
            // Inside the monitor: a new channel on this file must not open before the old one
            // is closed, or closing the old one would drop the new one's lock.
            lock.close();
        }
    }
}

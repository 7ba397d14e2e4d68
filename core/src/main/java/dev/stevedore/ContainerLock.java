package dev.stevedore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A lock shared by every thread and every JVM using one engine home's container records (or
 * networks, or volumes): an in-JVM reentrant lock (one per lock file, shared by all engines of
 * the JVM) around an exclusive {@link FileLock} on a file that is never used for data.
 */
final class ContainerLock {
    private static final Map<Path, ContainerLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock local = new ReentrantLock();
    private FileChannel channel;
    private FileLock held;

    private ContainerLock(Path file) {
        this.file = file;
    }

    static ContainerLock of(Path file) {
        return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), ContainerLock::new);
    }

    <T> T locked(Supplier<T> action) {
        local.lock();
        try {
            if (local.getHoldCount() == 1) {
                acquire();
            }
            try {
                return action.get();
            } finally {
                if (local.getHoldCount() == 1) {
                    release();
                }
            }
        } finally {
            local.unlock();
        }
    }

    void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    private void acquire() {
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            held = channel.lock();
        } catch (IOException e) {
            closeQuietly();
            throw new StevedoreException("Tried to lock " + file + " but failed because: " + e.getMessage(), e);
        }
    }

    private void release() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (held != null) {
                held.release();
            }
        } catch (IOException e) {
            // closing the channel releases it anyway
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing left to release
        }
        held = null;
        channel = null;
    }
}

package dev.stevedore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A lock shared by every thread and every JVM using one engine home's container records (or
 * networks, or volumes): an in-JVM reentrant lock (one per lock file, shared by all engines of
 * the JVM) around an exclusive {@link FileLock} on a file that is never used for data. The file
 * stays open between uses (one channel per lock file, as Java's file locks belong to the whole
 * JVM), checked to still be the file at that path each time; {@link #closeIdle} closes the
 * channels of a home that is no longer used.
 */
final class ContainerLock {
    private static final Map<Path, ContainerLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock local = new ReentrantLock();
    private FileChannel channel;
    private Object channelFile;
    private FileLock held;

    private ContainerLock(Path file) {
        this.file = file;
    }

    static ContainerLock of(Path file) {
        return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), ContainerLock::new);
    }

    /** Closes the channels of the locks under {@code dir} that no thread holds (an engine on that home closed). */
    static void closeIdle(Path dir) {
        Path under = dir.toAbsolutePath().normalize();
        for (ContainerLock lock : LOCKS.values()) {
            if (lock.file.startsWith(under) && lock.local.tryLock()) {
                try {
                    if (lock.local.getHoldCount() == 1) {
                        lock.closeQuietly();
                    }
                } finally {
                    lock.local.unlock();
                }
            }
        }
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
            if (channel == null || !channel.isOpen()) {
                open();
            }
            held = channel.lock();
            if (!Objects.equals(fileKey(), channelFile)) {
                // the file was deleted or replaced since it was opened: lock the one at the path now
                closeQuietly();
                open();
                held = channel.lock();
            }
        } catch (IOException e) {
            closeQuietly();
            throw new StevedoreException("Tried to lock " + file + " but failed because: " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channelFile = fileKey();
    }

    /** What identifies the file at the path now (device and inode), or null if there is none. */
    private Object fileKey() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private void release() {
        try {
            if (held != null) {
                held.release();
            }
        } catch (IOException e) {
            closeQuietly(); // closing the channel releases it for certain
        }
        held = null;
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
        channelFile = null;
    }
}

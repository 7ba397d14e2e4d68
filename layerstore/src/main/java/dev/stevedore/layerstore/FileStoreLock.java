package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The store lock: a {@link ReentrantLock} for the threads of this JVM, plus an exclusive
 * {@link FileChannel#lock() file lock} on {@code .stevedore/lock} for other processes.
 *
 * <p>Java's file locks belong to the process: they neither exclude the threads of one JVM nor
 * survive the closing of any other channel on the same file. So there is exactly one instance
 * per lock file per JVM ({@link OpenRoot} shares it between every {@link LayerStore} on the same
 * root), its one channel is never used for data, and the file lock is taken only by the
 * outermost {@link #locked} of the thread that holds the in-JVM lock.
 *
 * <p>An interrupt while blocked in {@code FileChannel.lock()} closes the channel (it is an
 * interruptible channel); no file lock is held at that moment, so the channel is just reopened
 * by the next caller and the interrupted one gets a {@link StoreException}.
 */
final class FileStoreLock implements StoreLock {
    private final Path file;
    private final ReentrantLock jvmLock = new ReentrantLock(true); // fair: a GC loop cannot starve writers
    // Guarded by jvmLock.
    private FileChannel channel;
    private FileLock fileLock;
    private boolean closed;

    FileStoreLock(Path file) {
        this.file = file;
    }

    @Override
    public <T> T locked(Supplier<T> work) {
        acquire();
        try {
            return work.get();
        } finally {
            release();
        }
    }

    /** Whether the calling thread holds the lock. */
    boolean isHeldByCurrentThread() {
        return jvmLock.isHeldByCurrentThread();
    }

    private void acquire() {
        try {
            jvmLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store lock " + file, e);
        }
        if (jvmLock.getHoldCount() > 1) {
            return;
        }
        try {
            if (closed) {
                throw new StoreException("the store at " + file.getParent().getParent() + " is closed");
            }
            fileLock = channel().lock();
        } catch (ClosedByInterruptException e) {
            closeChannel();
            jvmLock.unlock();
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store lock " + file, e);
        } catch (IOException e) {
            closeChannel();
            jvmLock.unlock();
            throw new StoreIOException("lock the store", file, e);
        } catch (RuntimeException | Error e) {
            jvmLock.unlock();
            throw e;
        }
    }

    private void release() {
        try {
            if (jvmLock.getHoldCount() == 1 && fileLock != null) {
                FileLock held = fileLock;
                fileLock = null;
                try {
                    held.release();
                } catch (IOException e) {
                    // Closing the channel releases the lock for certain; the next caller reopens it.
                    closeChannel();
                }
            }
        } finally {
            jvmLock.unlock();
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            // Read and write access, as an exclusive lock needs; nothing is ever read or written.
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        }
        return channel;
    }

    private void closeChannel() {
        FileChannel old = channel;
        channel = null;
        fileLock = null;
        if (old != null) {
            try {
                old.close();
            } catch (IOException e) {
                // Nothing was written through it; a failing close loses nothing.
            }
        }
    }

    /** Closes the channel; later calls to {@link #locked} fail. Waits for the current holder. */
    void close() {
        jvmLock.lock();
        try {
            closed = true;
            closeChannel();
        } finally {
            jvmLock.unlock();
        }
    }
}

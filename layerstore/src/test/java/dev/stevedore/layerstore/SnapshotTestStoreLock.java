package dev.stevedore.layerstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link StoreLock} for tests until the store's own is wired in: a {@link ReentrantLock}, plus,
 * for tests with two JVMs, a lock on a dedicated file taken by the outermost holder.
 */
final class SnapshotTestStoreLock implements StoreLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final FileChannel file;
    private FileLock held;

    private SnapshotTestStoreLock(FileChannel file) {
        this.file = file;
    }

    static SnapshotTestStoreLock inJvm() {
        return new SnapshotTestStoreLock(null);
    }

    static SnapshotTestStoreLock acrossJvms(Path lockFile) {
        try {
            return new SnapshotTestStoreLock(FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    @Override
    public <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            if (file != null && lock.getHoldCount() == 1) {
                held = file.lock();
            }
            try {
                return work.get();
            } finally {
                if (file != null && lock.getHoldCount() == 1) {
                    held.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }
}

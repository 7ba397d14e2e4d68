package dev.stevedore;

import dev.stevedore.dockerfile.Mount;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The directories of {@code RUN --mount=type=cache} under {@code <home>/build-cache-mounts/},
 * one per cache id, shared as {@code sharing=} says:
 * <ul>
 * <li>{@code shared} (default): every RUN uses the directory at once;</li>
 * <li>{@code locked}: RUNs using the id wait for each other — a semaphore within the JVM, then
 *     an exclusive {@link FileChannel#lock() file lock} on {@code <dir>.lock} beside the
 *     directory, so builds in other JVMs wait too;</li>
 * <li>{@code private}: if another RUN of this JVM is using the id, this RUN gets a fresh empty
 *     directory of its own (in the step's directory, discarded after the RUN).</li>
 * </ul>
 * A use is released with {@link Use#close()} once the RUN is done.
 */
final class BuildCacheMounts {
    static final String DIR = "build-cache-mounts";

    private static final Map<Path, Integer> IN_USE = new ConcurrentHashMap<>();
    private static final Map<Path, Semaphore> LOCKS = new ConcurrentHashMap<>();

    private BuildCacheMounts() {
    }

    /** A directory in use by one RUN; closing it releases the lock and the use. */
    static final class Use implements AutoCloseable {
        private final Path dir;
        private final Path counted;
        private final Semaphore semaphore;
        private final FileChannel channel;
        private final FileLock lock;

        Use(Path dir, Path counted, Semaphore semaphore, FileChannel channel, FileLock lock) {
            this.dir = dir;
            this.counted = counted;
            this.semaphore = semaphore;
            this.channel = channel;
            this.lock = lock;
        }

        Path dir() {
            return dir;
        }

        @Override
        public void close() {
            try {
                if (lock != null) {
                    lock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // the lock goes with the channel, or with the process
            } finally {
                if (counted != null) {
                    IN_USE.computeIfPresent(counted, (k, n) -> n <= 1 ? null : n - 1);
                }
                if (semaphore != null) {
                    semaphore.release();
                }
            }
        }
    }

    /** The directory of a cache id (created with the mount's mode and owner the first time). */
    static Path directory(Path home, String id, Mount m) throws IOException {
        Path cache = home.resolve(DIR).resolve(BuildCache.key(id)).toAbsolutePath().normalize();
        if (!Files.isDirectory(cache)) {
            Files.createDirectories(cache);
            BuildFiles.chmod(cache, (int) m.mode().orElse(0755));
            BuildFiles.chown(cache, (int) m.uid().orElse(0), (int) m.gid().orElse(0));
        }
        return cache;
    }

    /** Takes the cache directory for one RUN as its sharing mode says; {@code privateDir} is used for a private copy. */
    static Use acquire(Path cache, Mount.Sharing sharing, Path privateDir, Mount m) throws IOException,
            InterruptedException {
        switch (sharing) {
            case LOCKED -> {
                Semaphore semaphore = LOCKS.computeIfAbsent(cache, k -> new Semaphore(1));
                semaphore.acquire();
                FileChannel channel = null;
                try {
                    channel = FileChannel.open(cache.resolveSibling(cache.getFileName() + ".lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock();
                    IN_USE.merge(cache, 1, Integer::sum);
                    return new Use(cache, cache, semaphore, channel, lock);
                } catch (IOException | RuntimeException e) {
                    if (channel != null) {
                        channel.close();
                    }
                    semaphore.release();
                    throw e;
                }
            }
            case PRIVATE -> {
                boolean[] mine = {false};
                IN_USE.compute(cache, (k, n) -> {
                    if (n == null) {
                        mine[0] = true;
                        return 1;
                    }
                    return n;
                });
                if (mine[0]) {
                    return new Use(cache, cache, null, null, null);
                }
                Path own = Files.createDirectories(privateDir);
                BuildFiles.chmod(own, (int) m.mode().orElse(0755));
                BuildFiles.chown(own, (int) m.uid().orElse(0), (int) m.gid().orElse(0));
                return new Use(own, null, null, null, null);
            }
            default -> {
                IN_USE.merge(cache, 1, Integer::sum);
                return new Use(cache, cache, null, null, null);
            }
        }
    }
}

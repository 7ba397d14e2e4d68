package dev.stevedore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A build's temporary directory, {@code <home>/builds/<uuid>/}, locked (a lock on its
 * {@code .lock} file) while the build runs. Opening one removes the directories of builds whose
 * JVM died: those whose lock can be taken.
 */
final class BuildDirs implements AutoCloseable {
    private static final String LOCK = ".lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private BuildDirs(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    static BuildDirs open(Path home) throws IOException {
        Path root = Files.createDirectories(home.resolve("builds"));
        sweep(root);
        Path dir = Files.createDirectory(root.resolve(UUID.randomUUID().toString()));
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            return new BuildDirs(dir, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            BuildFiles.deleteTree(dir);
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    /** Removes the directories of builds that no live JVM holds. */
    private static void sweep(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).forEach(dirs::add);
        }
        for (Path d : dirs) {
            Path lockFile = d.resolve(LOCK);
            if (!Files.exists(lockFile)) {
                continue; // being created, or not ours
            }
            try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock l = c.tryLock();
                if (l != null) {
                    l.release();
                    BuildFiles.deleteTree(d);
                }
            } catch (OverlappingFileLockException | IOException e) {
                // held by this JVM, or gone meanwhile
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the directory goes anyway
        }
        BuildFiles.deleteTree(dir);
    }
}

package dev.stevedore;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second JVM for {@link BuildCacheMountsTest}: locks a cache mount's lock file as a
 * {@code sharing=locked} RUN would, prints {@code locked}, waits for a line on stdin, writes a
 * marker file, then releases the lock.
 *
 * <pre>{@code java -cp <test classpath> dev.stevedore.CacheLockChildMain <lock file> <marker file>}</pre>
 */
public final class CacheLockChildMain {
    private CacheLockChildMain() {}

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            System.out.println("locked");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            Files.writeString(Path.of(args[1]), "written while locked\n");
            lock.release();
        }
    }
}

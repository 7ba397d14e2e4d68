package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Whole-file replacement that readers never see half done: write a temp file on the same file
 * system, optionally fsync it, rename it over the target, then fsync the directory.
 */
final class DurableFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DurableFiles() {
    }

    /**
     * Replaces {@code target} with {@code bytes} atomically.
     *
     * @param tempDir where the temp file goes; must be on the target's file system
     * @param target the file to replace or create
     * @param bytes its new content
     * @param durable whether to fsync the file and the directory (refs and holds: yes; lease
     *     records, which only matter while their writer lives: no)
     */
    static void replace(Path tempDir, Path target, byte[] bytes, boolean durable) {
        Path temp = tempDir.resolve(target.getFileName() + "-" + randomId() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (durable) {
                    out.force(true);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (durable) {
                fsyncDirectory(target.getParent());
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StoreIOException("replace a file atomically", target, e);
        }
    }

    /**
     * Writes {@code bytes} to a new temp file for {@code target} and fsyncs it, for the caller to
     * rename into place (and then fsync the directory).
     *
     * @return the temp file
     */
    static Path writeTemp(Path tempDir, Path target, byte[] bytes) {
        Path temp = tempDir.resolve(target.getFileName() + "-" + randomId() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StoreIOException("write a file to rename into place", target, e);
        }
    }

    /** Makes a directory's entries (a rename, a new file) durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** 16 random hex digits, for temp file names and lease ids. */
    static String randomId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is swept by GC later.
        }
    }
}

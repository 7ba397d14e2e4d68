package dev.stevedore.layerstore;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an export tarball reproducibly (fixed mtime, owner root, fixed modes, entries in the
 * order given, POSIX headers for long names and big files) into a temp file beside the target,
 * renamed over it only by {@link #commit()}; closing without commit deletes the temp file, so a
 * failed export leaves nothing.
 */
final class ArchiveWriter implements Closeable {
    /** The mtime of every entry. */
    static final Instant MTIME = Instant.EPOCH;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final TarArchiveOutputStream tar;
    private boolean done;

    private ArchiveWriter(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 128 * 1024);
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    static ArchiveWriter create(Path target) {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "-" + DurableFiles.randomId() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new ArchiveWriter(absolute, temp, channel);
        } catch (IOException e) {
            DurableFiles.deleteQuietly(temp);
            throw new StoreIOException("create the archive", target, e);
        }
    }

    void directory(String name) throws IOException {
        TarArchiveEntry entry = entry(name.endsWith("/") ? name : name + "/", TarArchiveEntry.DEFAULT_DIR_MODE);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    void file(String name, byte[] content) throws IOException {
        file(name, content.length, new ByteArrayInputStream(content));
    }

    /** Adds a regular file of exactly {@code size} bytes read from {@code content} (not closed). */
    void file(String name, long size, InputStream content) throws IOException {
        TarArchiveEntry entry = entry(name, TarArchiveEntry.DEFAULT_FILE_MODE);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        byte[] buffer = new byte[128 * 1024];
        long left = size;
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(name + " ended " + left + " bytes before its size of " + size);
            }
            tar.write(buffer, 0, n);
            left -= n;
        }
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        entry.setModTime(FileTime.from(MTIME));
        entry.setUserId(0L);
        entry.setGroupId(0L);
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }

    /** Finishes the archive, fsyncs it and renames it over the target. */
    void commit() throws IOException {
        tar.finish();
        tar.flush();
        channel.force(true);
        tar.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        done = true;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            tar.close();
        } catch (IOException e) {
            // the temp file is deleted below
        }
        DurableFiles.deleteQuietly(temp);
    }

    Path target() {
        return target;
    }
}

package dev.stevedore;

import dev.stevedore.posix.Devices;
import dev.stevedore.posix.ModeBits;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes copied entries as a tar stream (PAX headers for long names and big numbers); leaves the stream open. */
final class CopyTarSink implements CopySink {
    private final TarArchiveOutputStream tar;

    CopyTarSink(OutputStream out) {
        this.tar = new TarArchiveOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller's stream stays open
            }
        });
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    @Override
    public void directory(String path, CopyMeta meta) {
        put(entry(path + "/", TarConstants.LF_DIR, meta), null, 0);
    }

    @Override
    public void file(String path, CopyMeta meta, long size, InputStream content) {
        TarArchiveEntry e = entry(path, TarConstants.LF_NORMAL, meta);
        e.setSize(size);
        put(e, content, size);
    }

    @Override
    public void symlink(String path, CopyMeta meta, String target) {
        TarArchiveEntry e = entry(path, TarConstants.LF_SYMLINK, meta);
        e.setLinkName(target);
        put(e, null, 0);
    }

    @Override
    public void hardlink(String path, String target) {
        TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_LINK);
        e.setLinkName(target);
        put(e, null, 0);
    }

    @Override
    public void special(String path, CopyMeta meta, int type, long device) {
        byte flag = switch (type) {
            case ModeBits.S_IFCHR -> TarConstants.LF_CHR;
            case ModeBits.S_IFBLK -> TarConstants.LF_BLK;
            case ModeBits.S_IFIFO -> TarConstants.LF_FIFO;
            default -> 0;
        };
        if (flag == 0) {
            return; // sockets are not archived, as tar does
        }
        TarArchiveEntry e = entry(path, flag, meta);
        e.setDevMajor(Devices.major(device));
        e.setDevMinor(Devices.minor(device));
        put(e, null, 0);
    }

    @Override
    public void finish() {
        try {
            tar.finish();
            tar.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TarArchiveEntry entry(String name, byte flag, CopyMeta meta) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag);
        e.setMode(meta.mode());
        e.setUserId((long) meta.uid());
        e.setGroupId((long) meta.gid());
        e.setLastModifiedTime(FileTime.from(meta.mtime()));
        return e;
    }

    private void put(TarArchiveEntry e, InputStream content, long size) {
        try {
            tar.putArchiveEntry(e);
            if (content != null) {
                long left = size - CopyFdStreams.copyAtMost(content, tar, size);
                byte[] zeros = new byte[(int) Math.min(64 * 1024, Math.max(left, 0))];
                while (left > 0) { // it shrank while being copied: pad, as tar does
                    int pad = (int) Math.min(zeros.length, left);
                    tar.write(zeros, 0, pad);
                    left -= pad;
                }
            }
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

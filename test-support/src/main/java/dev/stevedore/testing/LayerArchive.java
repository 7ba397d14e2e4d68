package dev.stevedore.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a tree as a reproducible layer: a tar with the entries in the given (sorted) order,
 * one fixed mtime, the tree's numeric owners and modes, empty user and group names (so no
 * host name leaks in and readers use the numbers), PAX headers only where a name or number
 * does not fit ustar; and a gzip stream with a fixed header (no file name, mtime 0, OS
 * "unknown") and a fixed compression level.
 */
final class LayerArchive {
    /** zlib's default level, written out so a change of default cannot change the bytes. */
    private static final int GZIP_LEVEL = 6;

    private LayerArchive() {}

    static byte[] tar(List<TreeEntry> entries, Instant mtime) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (TreeEntry entry : entries) {
                TarArchiveEntry header = header(entry, mtime);
                tar.putArchiveEntry(header);
                if (entry.kind() == TreeEntry.Kind.FILE) {
                    tar.write(entry.content());
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new FixtureException("Tried to write a layer tar but failed because: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static TarArchiveEntry header(TreeEntry entry, Instant mtime) {
        TarArchiveEntry header = switch (entry.kind()) {
            case DIRECTORY -> new TarArchiveEntry(entry.path() + "/", TarConstants.LF_DIR);
            case FILE -> new TarArchiveEntry(entry.path(), TarConstants.LF_NORMAL);
            case SYMLINK -> new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK);
        };
        int typeBits = switch (entry.kind()) {
            case DIRECTORY -> 0040000;
            case FILE -> 0100000;
            case SYMLINK -> 0120000;
        };
        header.setMode(typeBits | entry.mode());
        header.setUserId((long) entry.uid());
        header.setGroupId((long) entry.gid());
        header.setUserName("");
        header.setGroupName("");
        header.setModTime(FileTime.from(mtime));
        if (entry.kind() == TreeEntry.Kind.SYMLINK) {
            header.setLinkName(entry.linkTarget());
        }
        header.setSize(entry.size());
        return header;
    }

    static byte[] gzip(byte[] data) {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(GZIP_LEVEL);
        parameters.setModificationInstant(Instant.EPOCH);
        parameters.setOS(GzipParameters.OS.UNKNOWN);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2);
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes, parameters)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new FixtureException("Tried to gzip a layer but failed because: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}

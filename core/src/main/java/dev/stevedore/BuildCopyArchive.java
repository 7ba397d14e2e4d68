package dev.stevedore;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * ADD's local archives: a tar (plain, gzip or bzip2, found by content) is extracted into
 * the destination, keeping modes, owners (unless {@code --chown}), times and links; names with
 * {@code ..} and links leaving the destination are refused.
 */
final class BuildCopyArchive {
    private BuildCopyArchive() {
    }

    static boolean isArchive(Path file) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return true;
        }
        if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return true;
        }
        return n >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a'
                && head[261] == 'r';
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(8);
        int a = in.read();
        int b = in.read();
        int c = in.read();
        in.reset();
        if (a == 0x1f && b == 0x8b) {
            return new GzipCompressorInputStream(in);
        }
        if (a == 'B' && b == 'Z' && c == 'h') {
            return new BZip2CompressorInputStream(in, true);
        }
        return in;
    }

    static void extract(Path archive, Path dest, int[] owner) throws IOException {
        Files.createDirectories(dest);
        List<Object[]> dirTimes = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(raw))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String rel = BuildCopySource.clean(e.getName());
                if (rel.isEmpty() || e.getName().contains("..")) {
                    if (rel.isEmpty()) {
                        continue;
                    }
                    throw new IOException("archive " + archive.getFileName() + " has an entry outside its root: "
                            + e.getName());
                }
                Path target = dest.resolve(rel);
                Files.createDirectories(target.getParent());
                if (e.isDirectory()) {
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(target);
                        Files.createDirectory(target);
                    }
                    dirTimes.add(new Object[] {target, FileTime.from(e.getLastModifiedDate().toInstant())});
                } else if (e.isSymbolicLink()) {
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Path linked = dest.resolve(BuildCopySource.clean(e.getLinkName()));
                    Files.deleteIfExists(target);
                    // the link's own header then sets owner, mode and time of the shared inode, as Docker's untar
                    Files.createLink(target, linked);
                } else if (e.isFile()) {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    continue; // devices and FIFOs are skipped
                }
                BuildFiles.chown(target, owner == null ? (int) e.getLongUserId() : owner[0],
                        owner == null ? (int) e.getLongGroupId() : owner[1]);
                if (!e.isSymbolicLink()) {
                    BuildFiles.chmod(target, e.getMode());
                }
                BuildFiles.mtime(target, FileTime.from(e.getLastModifiedDate().toInstant()));
            }
        }
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            BuildFiles.mtime((Path) dirTimes.get(i)[0], (FileTime) dirTimes.get(i)[1]);
        }
    }
}

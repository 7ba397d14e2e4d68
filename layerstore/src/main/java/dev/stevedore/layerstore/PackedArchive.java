package dev.stevedore.layerstore;

import dev.stevedore.oci.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An archive that is a tar file, read with random access so that {@code index.json} or
 * {@code manifest.json} can be read first wherever it is. A gzip or zstd compressed tar is
 * first decompressed into an ingest temp file (on the store's file system, locked while in use,
 * swept by GC if a crash leaves it).
 *
 * <p>Symbolic links (relative to their entry, as skopeo's {@code docker-archive} writes
 * {@code <id>/layer.tar -> ../<hex>.tar}) and hard links (relative to the archive root) are
 * followed, at most {@value #MAX_LINKS} in a row, and never out of the archive.
 */
final class PackedArchive implements ArchiveSource {
    private static final int MAX_LINKS = 16;

    private final Path origin;
    private final TarFile tar;
    private final Optional<IngestFile> decompressed;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private PackedArchive(Path origin, TarFile tar, Optional<IngestFile> decompressed) {
        this.origin = origin;
        this.tar = tar;
        this.decompressed = decompressed;
        for (TarArchiveEntry entry : tar.getEntries()) {
            ArchiveSource.normalize(entry.getName()).filter(n -> !n.isEmpty()).ifPresent(n -> entries.put(n, entry));
        }
    }

    static PackedArchive open(Path file, StorePaths paths, OpenRoot root) {
        Optional<IngestFile> temp = Optional.empty();
        try {
            Compression compression = StreamCompression.sniff(Files.newInputStream(file));
            Path tarPath = file;
            if (compression != Compression.NONE) {
                IngestFile plain = IngestFile.create(paths, root, "archive");
                temp = Optional.of(plain);
                try (InputStream in = StreamCompression.decompress(Files.newInputStream(file), compression)) {
                    OutputStream out = Channels.newOutputStream(plain.channel());
                    in.transferTo(out);
                    out.flush();
                }
                tarPath = plain.path();
            }
            return new PackedArchive(file, new TarFile(tarPath), temp);
        } catch (IOException e) {
            temp.ifPresent(IngestFile::close);
            throw new InvalidArchiveException(file, "", "not a readable tar archive: " + e.getMessage());
        } catch (RuntimeException e) {
            temp.ifPresent(IngestFile::close);
            throw e;
        }
    }

    @Override
    public Path origin() {
        return origin;
    }

    @Override
    public Optional<Entry> entry(String name) {
        Optional<String> current = ArchiveSource.normalize(name);
        for (int hops = 0; hops <= MAX_LINKS && current.isPresent(); hops++) {
            TarArchiveEntry entry = entries.get(current.get());
            if (entry == null) {
                return Optional.empty();
            }
            if (entry.isSymbolicLink()) {
                String dir = current.get().contains("/")
                        ? current.get().substring(0, current.get().lastIndexOf('/') + 1) : "";
                String target = entry.getLinkName().startsWith("/") ? entry.getLinkName() : dir + entry.getLinkName();
                current = ArchiveSource.normalize(target);
            } else if (entry.isLink()) {
                current = ArchiveSource.normalize(entry.getLinkName());
            } else if (entry.isFile()) {
                return Optional.of(new Entry(current.get(), entry.getSize(), () -> tar.getInputStream(entry)));
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException e) {
            // read-only; nothing to lose
        } finally {
            decompressed.ifPresent(IngestFile::close);
        }
    }
}

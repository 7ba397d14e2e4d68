package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** An archive that is a directory (an OCI layout, or an unpacked {@code docker save}). */
final class DirectorySource implements ArchiveSource {
    private final Path dir;
    private final Path realDir;

    DirectorySource(Path dir) {
        this.dir = dir;
        try {
            this.realDir = dir.toRealPath();
        } catch (IOException e) {
            throw new StoreIOException("open the archive directory", dir, e);
        }
    }

    @Override
    public Path origin() {
        return dir;
    }

    @Override
    public Optional<Entry> entry(String name) {
        Optional<String> normalized = ArchiveSource.normalize(name);
        if (normalized.isEmpty() || normalized.get().isEmpty()) {
            return Optional.empty();
        }
        Path file = realDir.resolve(normalized.get());
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(realDir) || !Files.isRegularFile(real)) {
                // Symlinks may not lead out of the archive.
                return Optional.empty();
            }
            long size = Files.size(real);
            return Optional.of(new Entry(normalized.get(), size, () -> Files.newInputStream(real)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}

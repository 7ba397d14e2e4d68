package dev.stevedore.layerstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stevedore.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Holds as files {@code .stevedore/holds/<sha256 of the name>.json}, holding
 * {@code {"name":...,"blobs":[...],"snapshots":[...]}}: any name maps to a safe file name.
 * Changes are atomic and fsynced, under the store lock.
 */
final class HoldRecords implements Holds {
    private final StorePaths paths;
    private final StoreLock lock;

    HoldRecords(StorePaths paths, StoreLock lock) {
        this.paths = paths;
        this.lock = lock;
    }

    @Override
    public void put(String name, Set<Digest> blobs, Set<ChainId> snapshots) {
        Hold hold = new Hold(name, blobs, snapshots);
        ObjectNode node = StoreJson.object();
        node.put("name", hold.name());
        node.set("blobs", StoreJson.strings(hold.blobs()));
        node.set("snapshots", StoreJson.strings(hold.snapshots()));
        lock.locked(() -> DurableFiles.replace(paths.ingest(), file(name), StoreJson.bytes(node), true));
    }

    @Override
    public Optional<Hold> get(String name) {
        return read(file(name));
    }

    @Override
    public boolean remove(String name) {
        Path file = file(name);
        return lock.locked(() -> {
            try {
                boolean existed = Files.deleteIfExists(file);
                if (existed) {
                    DurableFiles.fsyncDirectory(paths.holds());
                }
                return existed;
            } catch (IOException e) {
                throw new StoreIOException("remove hold \"" + name + "\"", file, e);
            }
        });
    }

    @Override
    public List<Hold> list() {
        List<Hold> holds = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(paths.holds(), "*.json")) {
            for (Path file : files) {
                read(file).ifPresent(holds::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreIOException("list the holds", paths.holds(), e);
        }
        holds.sort(Comparator.comparing(Hold::name));
        return List.copyOf(holds);
    }

    private Optional<Hold> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreIOException("read a hold", file, e);
        }
        try {
            JsonNode node = StoreJson.parse(bytes);
            Set<Digest> blobs = new HashSet<>();
            node.path("blobs").forEach(d -> blobs.add(Digest.parse(d.asText())));
            Set<ChainId> snapshots = new HashSet<>();
            node.path("snapshots").forEach(d -> snapshots.add(new ChainId(Digest.parse(d.asText()))));
            return Optional.of(new Hold(node.path("name").asText(), blobs, snapshots));
        } catch (IOException | RuntimeException e) {
            // Holds are written atomically, so this is damage, not a race: refuse to guess.
            throw new StoreException("hold record " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private Path file(String name) {
        Digest id = Digest.of(name.getBytes(StandardCharsets.UTF_8));
        return paths.holds().resolve(id.encoded() + ".json");
    }
}

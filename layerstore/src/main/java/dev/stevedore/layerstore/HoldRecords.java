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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Holds as files {@code .stevedore/holds/<sha256 of the name>.json}, holding
 * {@code {"name":...,"blobs":[...],"snapshots":[...]}}: any name maps to a safe file name.
 * Changes are atomic and fsynced (but for {@link #removeLazily}), under the store lock (a put
 * takes it only for its rename).
 */
final class HoldRecords implements Holds {
    private final StorePaths paths;
    private final StoreLock lock;

    HoldRecords(StorePaths paths, StoreLock lock) {
        this.paths = paths;
        this.lock = lock;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The new record is written and fsynced to a temp file, renamed into place under the store
     * lock, and the directory fsynced: only the rename needs the lock (GC never takes a fresh temp
     * file), so other threads and processes wait for no fsync of it.
     */
    @Override
    public void put(String name, Set<Digest> blobs, Set<ChainId> snapshots) {
        Hold hold = new Hold(name, blobs, snapshots);
        ObjectNode node = StoreJson.object();
        node.put("name", hold.name());
        node.set("blobs", StoreJson.strings(hold.blobs()));
        node.set("snapshots", StoreJson.strings(hold.snapshots()));
        Path target = file(name);
        Path temp = DurableFiles.writeTemp(paths.ingest(), target, StoreJson.bytes(node));
        try {
            lock.locked(() -> {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new StoreIOException("put hold \"" + name + "\"", target, e);
                }
            });
        } catch (RuntimeException e) {
            DurableFiles.deleteQuietly(temp);
            throw e;
        }
        try {
            DurableFiles.fsyncDirectory(paths.holds());
        } catch (IOException e) {
            throw new StoreIOException("put hold \"" + name + "\"", paths.holds(), e);
        }
    }

    @Override
    public Optional<Hold> get(String name) {
        return read(file(name));
    }

    @Override
    public boolean remove(String name) {
        return remove(name, true);
    }

    @Override
    public boolean removeLazily(String name) {
        return remove(name, false);
    }

    private boolean remove(String name, boolean durable) {
        Path file = file(name);
        return lock.locked(() -> {
            try {
                boolean existed = Files.deleteIfExists(file);
                if (existed && durable) {
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

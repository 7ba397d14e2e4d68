package dev.stevedore.layerstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.JsonTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The snapshot index, {@code index.json}: chain ID to a short numeric id (the directory name),
 * with the parent chain ID and the layer's diff ID. Read and written only under the store lock;
 * replaced atomically (temp file, fsync, rename).
 *
 * <pre>{@code
 * {"version":1,"next":3,"snapshots":{"sha256:...":{"id":1,"diffId":"sha256:..."},
 *                                    "sha256:...":{"id":2,"parent":"sha256:...","diffId":"sha256:..."}}}
 * }</pre>
 */
final class SnapshotIndex {
    static final String FILE = "index.json";
    private static final int VERSION = 1;

    /** One snapshot's record. */
    record Entry(long id, Optional<ChainId> parent, Digest diffId) {}

    /**
     * The index file last read in this JVM, its bytes (never changed) and what they parsed to:
     * reused while the file's content is the same, as parsing it again would give the same.
     */
    private record Parsed(Path file, byte[] bytes, Map<ChainId, Entry> entries, long next) {}

    private static volatile Parsed lastRead;

    private final Path file;
    private final Map<ChainId, Entry> entries;
    private long next;

    private SnapshotIndex(Path file, Map<ChainId, Entry> entries, long next) {
        this.file = file;
        this.entries = entries;
        this.next = next;
    }

    /**
     * Reads the index of a snapshot directory; an absent file is an empty index.
     *
     * @throws SnapshotException if it cannot be read or is malformed
     */
    static SnapshotIndex read(Path dir) {
        Path file = dir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new SnapshotIndex(file, new TreeMap<>(SnapshotIndex::compare), 1);
        } catch (IOException e) {
            throw new SnapshotException("read the snapshot index", file, e.toString(), e);
        }
        Parsed cached = lastRead;
        if (cached != null && cached.file().equals(file) && Arrays.equals(cached.bytes(), bytes)) {
            Map<ChainId, Entry> entries = new TreeMap<>(SnapshotIndex::compare);
            entries.putAll(cached.entries());
            return new SnapshotIndex(file, entries, cached.next());
        }
        SnapshotIndex index = parse(file, bytes);
        lastRead = new Parsed(file, bytes, Map.copyOf(index.entries), index.next);
        return index;
    }

    private static SnapshotIndex parse(Path file, byte[] bytes) {
        try {
            JsonNode root = JsonTrees.read(bytes, JsonTrees.Reading.NO_DUPLICATES);
            if (root == null || !root.isObject() || root.path("version").asInt() != VERSION
                    || !root.path("next").canConvertToLong() || !root.path("snapshots").isObject()) {
                throw new IOException("expected {\"version\":1,\"next\":<n>,\"snapshots\":{...}}");
            }
            Map<ChainId, Entry> entries = new TreeMap<>(SnapshotIndex::compare);
            for (Map.Entry<String, JsonNode> e : root.get("snapshots").properties()) {
                JsonNode v = e.getValue();
                if (!v.path("id").canConvertToLong() || v.get("id").asLong() <= 0 || !v.path("diffId").isTextual()) {
                    throw new IOException("malformed entry for " + e.getKey());
                }
                Optional<ChainId> parent = v.hasNonNull("parent")
                        ? Optional.of(new ChainId(Digest.parse(v.get("parent").asText()))) : Optional.empty();
                entries.put(new ChainId(Digest.parse(e.getKey())), new Entry(v.get("id").asLong(), parent,
                        Digest.parse(v.get("diffId").asText())));
            }
            return new SnapshotIndex(file, entries, root.get("next").asLong());
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException("read the snapshot index", file, "it is malformed: " + e.getMessage(), e);
        }
    }

    Optional<Entry> get(ChainId chainId) {
        return Optional.ofNullable(entries.get(chainId));
    }

    Map<ChainId, Entry> entries() {
        return entries;
    }

    /** Adds a snapshot under a fresh id. @return its entry */
    Entry add(ChainId chainId, Optional<ChainId> parent, Digest diffId) {
        Entry entry = new Entry(next++, parent, diffId);
        entries.put(chainId, entry);
        return entry;
    }

    void remove(ChainId chainId) {
        entries.remove(chainId);
    }

    /** Writes the index: temp file, fsync, rename over the old one. */
    void write() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", VERSION);
        root.put("next", next);
        ObjectNode snapshots = root.putObject("snapshots");
        entries.forEach((chainId, e) -> {
            ObjectNode v = snapshots.putObject(chainId.toString());
            v.put("id", e.id());
            e.parent().ifPresent(p -> v.put("parent", p.toString()));
            v.put("diffId", e.diffId().toString());
        });
        Path temp = file.resolveSibling(FILE + ".tmp");
        try {
            byte[] bytes = JsonTrees.write(root);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SnapshotException("write the snapshot index", file, e.toString(), e);
        }
    }

    private static int compare(ChainId a, ChainId b) {
        return a.toString().compareTo(b.toString());
    }
}

package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.OciException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Refs kept in the root's {@code index.json}. Readers take no lock: the file is only ever
 * replaced by an atomic rename, so they see one version or the next. Writers read, change and
 * replace it under the store lock. Entries without a name (written by other tools) are kept and
 * are GC roots too.
 */
final class IndexRefs implements Refs {
    private final StorePaths paths;
    private final StoreLock lock;
    private final LayoutBlobStore blobs;
    /** The last {@code index.json} read and what it parsed to; reused while the file's bytes are the same. */
    private volatile Parsed lastRead;

    /** The refs of the last index listed. */
    private volatile Listed lastListed;

    /** An {@code index.json} as read (the array is never changed) and its parsed, immutable index. */
    private record Parsed(byte[] bytes, ImageIndex index) {
    }

    /** An index (as {@link #read} returned it) and its named refs. */
    private record Listed(ImageIndex index, SortedMap<String, Descriptor> refs) {
    }

    IndexRefs(StorePaths paths, StoreLock lock, LayoutBlobStore blobs) {
        this.paths = paths;
        this.lock = lock;
        this.blobs = blobs;
    }

    @Override
    public void put(String name, Descriptor target) {
        putAll(Map.of(name, target));
    }

    @Override
    public void putAll(Map<String, Descriptor> targets) {
        Map<String, Descriptor> named = new HashMap<>();
        targets.forEach((name, target) -> {
            RefNames.check(name);
            Objects.requireNonNull(target, "target");
            named.put(name, withName(target, name));
        });
        if (named.isEmpty()) {
            return;
        }
        lock.locked(() -> {
            // Checked under the lock: GC cannot remove the blob between this check and the rewrite.
            named.values().forEach(this::checkPresent);
            ImageIndex index = read();
            List<Descriptor> entries = new ArrayList<>();
            for (Descriptor entry : index.manifests()) {
                if (name(entry).filter(named::containsKey).isEmpty()) {
                    entries.add(entry);
                }
            }
            entries.addAll(named.values());
            write(index, entries);
        });
    }

    @Override
    public Optional<Descriptor> get(String name) {
        return Optional.ofNullable(list().get(name));
    }

    /**
     * {@inheritDoc}
     *
     * <p>While {@code index.json} does not change, every call returns the same (unmodifiable) map,
     * so that callers may keep what they derived from it as long as they get that map again.
     */
    @Override
    public SortedMap<String, Descriptor> list() {
        ImageIndex index = read();
        Listed listed = lastListed;
        if (listed != null && listed.index() == index) {
            return listed.refs();
        }
        SortedMap<String, Descriptor> refs = new TreeMap<>();
        for (Descriptor entry : index.manifests()) {
            name(entry).ifPresent(name -> refs.put(name, entry));
        }
        SortedMap<String, Descriptor> result = Collections.unmodifiableSortedMap(refs);
        lastListed = new Listed(index, result);
        return result;
    }

    @Override
    public boolean delete(String name) {
        return lock.locked(() -> {
            ImageIndex index = read();
            List<Descriptor> entries = new ArrayList<>(index.manifests());
            if (!entries.removeIf(entry -> name(entry).filter(name::equals).isPresent())) {
                return false;
            }
            write(index, entries);
            return true;
        });
    }

    /** Every entry of {@code index.json}, named or not: the GC roots that refs give. */
    List<Descriptor> entries() {
        return read().manifests();
    }

    static Optional<String> name(Descriptor entry) {
        return Optional.ofNullable(entry.annotations().get(REF_NAME_ANNOTATION));
    }

    static Descriptor withName(Descriptor target, String name) {
        Map<String, String> annotations = new HashMap<>(target.annotations());
        annotations.put(REF_NAME_ANNOTATION, name);
        return target.withAnnotations(annotations);
    }

    private void checkPresent(Descriptor target) {
        long size = blobs.size(target.digest()).orElseThrow(() ->
                new BlobNotFoundException(target.digest(), "the store at " + paths.root()));
        if (size != target.size()) {
            throw new IllegalArgumentException("descriptor of " + target.digest() + " says " + target.size()
                    + " bytes but the blob has " + size);
        }
    }

    ImageIndex read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(paths.indexJson());
        } catch (IOException e) {
            throw new StoreIOException("read the refs", paths.indexJson(), e);
        }
        Parsed cached = lastRead;
        if (cached != null && Arrays.equals(cached.bytes(), bytes)) {
            return cached.index(); // the same content as last time: parsing it again would give the same index
        }
        try {
            if (ManifestBytes.parse(bytes).document() instanceof ImageIndex index) {
                lastRead = new Parsed(bytes, index);
                return index;
            }
        } catch (OciException e) {
            throw new InvalidLayoutException(paths.indexJson(), e.getMessage());
        }
        throw new InvalidLayoutException(paths.indexJson(), "is not an image index");
    }

    private void write(ImageIndex old, List<Descriptor> entries) {
        List<Descriptor> sorted = new ArrayList<>(entries);
        // Unnamed entries first, in their order; then refs by name, so the file diffs well.
        sorted.sort(Comparator.comparing((Descriptor d) -> name(d).orElse("")));
        ImageIndex index = new ImageIndex(2, MediaType.OCI_INDEX, old.artifactType(), sorted, old.subject(),
                old.annotations());
        DurableFiles.replace(paths.ingest(), paths.indexJson(), index.toJson(), true);
    }

    /** Writes an empty index; for a new store, under the store lock. */
    static void writeEmpty(StorePaths paths) {
        DurableFiles.replace(paths.ingest(), paths.indexJson(), ImageIndex.of(List.of()).toJson(), true);
    }
}

package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fsck: re-hashes every blob, then walks every ref (index → manifests → config and layers).
 * Hashing takes no lock (blobs are immutable once visible); repair deletes corrupt blobs under
 * the store lock after hashing them once more.
 *
 * <p>Refs are reported, never deleted, even with repair: a ref is the user's name for an image,
 * and its descriptor is exactly what is needed to fetch the missing content again (a corrupt
 * blob, once removed, no longer blocks that: a commit of the right bytes is no longer a no-op).
 * Sparse indexes are fine: a missing child of an index is not a problem, a missing config or
 * layer of a present manifest is (unless the layer is non-distributable).
 */
final class StoreChecker {
    private static final Logger log = LoggerFactory.getLogger(StoreChecker.class);

    private final LayoutBlobStore blobs;
    private final IndexRefs refs;
    private final StoreLock lock;

    StoreChecker(LayoutBlobStore blobs, IndexRefs refs, StoreLock lock) {
        this.blobs = blobs;
        this.refs = refs;
        this.lock = lock;
    }

    FsckReport check(boolean repair) {
        Set<Digest> all = blobs.list();
        Map<Digest, String> corrupt = new HashMap<>();
        for (Digest digest : all) {
            verify(digest).ifPresent(problem -> corrupt.put(digest, problem));
        }
        List<Digest> removed = new ArrayList<>();
        if (repair && !corrupt.isEmpty()) {
            lock.locked(() -> {
                for (Digest digest : corrupt.keySet()) {
                    if (verify(digest).isPresent()) {
                        blobs.delete(digest);
                        removed.add(digest);
                        log.warn("fsck removed corrupt blob {}", digest);
                    }
                }
            });
        }
        List<FsckReport.BrokenRef> broken = new ArrayList<>();
        refs.list().forEach((name, target) -> walk(name, target, corrupt).ifPresent(broken::add));
        List<FsckReport.CorruptBlob> corruptBlobs = corrupt.entrySet().stream()
                .map(e -> new FsckReport.CorruptBlob(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.digest().toString().compareTo(b.digest().toString()))
                .toList();
        return new FsckReport(all.size(), corruptBlobs, broken, removed);
    }

    /** The problem with a blob's content, if any. */
    private Optional<String> verify(Digest digest) {
        try (InputStream in = blobs.open(digest)) {
            Digest actual = Digest.compute(digest.algorithm(), in);
            return actual.equals(digest) ? Optional.empty() : Optional.of("content hashes to " + actual);
        } catch (BlobNotFoundException e) {
            return Optional.empty(); // removed meanwhile (GC): nothing corrupt left
        } catch (IOException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
    }

    /** The first problem found under a ref, if any. */
    private Optional<FsckReport.BrokenRef> walk(String name, Descriptor target, Map<Digest, String> corrupt) {
        Deque<ContentGraph.Edge> work = new ArrayDeque<>();
        work.push(new ContentGraph.Edge(target, true));
        Set<Digest> seen = new HashSet<>();
        ContentGraph graph = new ContentGraph(blobs);
        while (!work.isEmpty()) {
            ContentGraph.Edge edge = work.pop();
            Descriptor d = edge.target();
            if (!seen.add(d.digest())) {
                continue;
            }
            if (corrupt.containsKey(d.digest())) {
                return Optional.of(new FsckReport.BrokenRef(name, d.digest(), "corrupt: " + corrupt.get(d.digest())));
            }
            Optional<Long> size = blobs.size(d.digest()).stream().boxed().findFirst();
            if (size.isEmpty()) {
                if (edge.required()) {
                    return Optional.of(new FsckReport.BrokenRef(name, d.digest(), "missing " + d.mediaType()));
                }
                continue;
            }
            if (size.get() != d.size()) {
                return Optional.of(new FsckReport.BrokenRef(name, d.digest(), "has " + size.get()
                        + " bytes, the descriptor says " + d.size()));
            }
            try {
                if (graph.node(d.digest(), Optional.of(d.mediaType())) instanceof ContentGraph.Document doc) {
                    doc.edges().forEach(work::push);
                }
            } catch (RuntimeException e) {
                return Optional.of(new FsckReport.BrokenRef(name, d.digest(), "unreadable " + d.mediaType() + ": "
                        + e.getMessage()));
            }
        }
        return Optional.empty();
    }
}

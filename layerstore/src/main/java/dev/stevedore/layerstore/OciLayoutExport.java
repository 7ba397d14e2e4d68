package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes chosen refs as an OCI image layout, to a directory (created, or extended like
 * {@code skopeo copy} does: blobs added, entries of the same names replaced) or to a
 * reproducible tarball. Every blob the refs need is copied; a missing child of an index is
 * left out (as it was never pulled), any other missing blob fails the export before anything
 * is written.
 */
final class OciLayoutExport {
    private final LayoutBlobStore blobs;
    private final IndexRefs refs;

    OciLayoutExport(LayoutBlobStore blobs, IndexRefs refs) {
        this.blobs = blobs;
        this.refs = refs;
    }

    /** The index entries and every blob they need, checked present. */
    record Plan(List<Descriptor> entries, List<Descriptor> blobs) {
    }

    Plan plan(Collection<String> names) {
        List<Descriptor> entries = new ArrayList<>();
        Map<Digest, Descriptor> needed = new TreeMap<>(Comparator.comparing(Digest::toString));
        ContentGraph graph = new ContentGraph(blobs);
        for (String name : new LinkedHashSet<>(names)) {
            Descriptor entry = refs.get(name).orElseThrow(() -> new RefNotFoundException(name));
            entries.add(entry);
            Deque<ContentGraph.Edge> work = new ArrayDeque<>();
            work.push(new ContentGraph.Edge(entry, true));
            while (!work.isEmpty()) {
                ContentGraph.Edge edge = work.pop();
                Descriptor d = edge.target();
                if (needed.containsKey(d.digest())) {
                    continue;
                }
                if (!blobs.contains(d.digest())) {
                    if (edge.required() && !MediaType.isNonDistributable(d.mediaType())) {
                        throw new BlobNotFoundException(d.digest(), "the store at " + blobs.paths().root()
                                + " (needed by ref \"" + name + "\")");
                    }
                    continue;
                }
                needed.put(d.digest(), d);
                try {
                    if (graph.node(d.digest(), Optional.of(d.mediaType())) instanceof ContentGraph.Document doc) {
                        doc.edges().forEach(work::push);
                    }
                } catch (OciException e) {
                    throw new StoreException("cannot export ref \"" + name + "\": blob " + d.digest() + " is not a"
                            + " valid " + d.mediaType() + ": " + e.getMessage(), e);
                }
            }
        }
        return new Plan(entries, new ArrayList<>(needed.values()));
    }

    void toDirectory(Path dir, Collection<String> names) {
        Plan plan = plan(names);
        try {
            Files.createDirectories(dir);
            Path layoutFile = dir.resolve("oci-layout");
            Path indexFile = dir.resolve("index.json");
            List<Descriptor> entries = new ArrayList<>();
            if (Files.exists(indexFile)) {
                ImageIndex old = readIndex(indexFile);
                List<String> replaced = plan.entries().stream().map(e -> IndexRefs.name(e).orElse("")).toList();
                old.manifests().stream().filter(e -> IndexRefs.name(e).filter(replaced::contains).isEmpty())
                        .forEach(entries::add);
            } else if (!isEmpty(dir) && !Files.exists(layoutFile)) {
                throw new InvalidLayoutException(dir, "the directory is not empty and has no oci-layout file;"
                        + " refusing to export into it");
            }
            entries.addAll(plan.entries());
            for (Descriptor blob : plan.blobs()) {
                copyBlob(dir, blob);
            }
            if (!Files.exists(layoutFile)) {
                DurableFiles.replace(dir, layoutFile, StoreLayout.layoutJson(), false);
            }
            DurableFiles.replace(dir, indexFile, ImageIndex.of(entries).toJson(), false);
        } catch (IOException e) {
            throw new StoreIOException("export an OCI image layout", dir, e);
        }
    }

    void toTar(Path file, Collection<String> names) {
        Plan plan = plan(names);
        try (ArchiveWriter out = ArchiveWriter.create(file)) {
            out.file("oci-layout", StoreLayout.layoutJson());
            out.file("index.json", ImageIndex.of(plan.entries()).toJson());
            out.directory("blobs");
            String currentAlgorithm = "";
            for (Descriptor blob : plan.blobs()) {
                String algorithm = blob.digest().algorithm().id();
                if (!algorithm.equals(currentAlgorithm)) {
                    out.directory("blobs/" + algorithm);
                    currentAlgorithm = algorithm;
                }
                try (InputStream in = blobs.open(blob.digest())) {
                    out.file("blobs/" + blob.digest().blobPath(), blob.size(), in);
                }
            }
            out.commit();
        } catch (IOException e) {
            throw new StoreIOException("export an OCI image layout tarball", file, e);
        }
    }

    private void copyBlob(Path dir, Descriptor blob) throws IOException {
        Path target = dir.resolve("blobs").resolve(blob.digest().blobPath());
        if (Files.isRegularFile(target) && Files.size(target) == blob.size()) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + blob.digest().encoded() + "-" + DurableFiles.randomId() + ".tmp");
        try (InputStream in = blobs.open(blob.digest())) {
            Files.copy(in, temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            DurableFiles.deleteQuietly(temp);
        }
    }

    private static ImageIndex readIndex(Path indexFile) throws IOException {
        try {
            if (ManifestBytes.parse(Files.readAllBytes(indexFile)).document() instanceof ImageIndex index) {
                return index;
            }
        } catch (OciException e) {
            throw new InvalidLayoutException(indexFile, e.getMessage());
        }
        throw new InvalidLayoutException(indexFile, "is not an image index");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}

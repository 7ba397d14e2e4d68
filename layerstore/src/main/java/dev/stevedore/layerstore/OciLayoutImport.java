package dev.stevedore.layerstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports any OCI image layout (directory or tarball): every blob reachable from its
 * {@code index.json} is copied in, verified against the descriptor that points to it, and the
 * refs named by {@code org.opencontainers.image.ref.name} are set once everything is in.
 * Blobs already in the store are not read again. A child of an index that the layout lacks is
 * skipped (a sparse, single-platform copy); a missing config or layer fails the import.
 */
final class OciLayoutImport {
    private static final int MAX_LAYOUT_FILE = 1024;

    private final LayoutBlobStore blobs;
    private final IndexRefs refs;

    OciLayoutImport(LayoutBlobStore blobs, IndexRefs refs) {
        this.blobs = blobs;
        this.refs = refs;
    }

    ImportResult run(ArchiveSource source, Lease lease) {
        checkLayoutVersion(source);
        ImageIndex index = readIndex(source);
        Map<String, Descriptor> names = new LinkedHashMap<>();
        for (Descriptor entry : index.manifests()) {
            Optional<String> name = IndexRefs.name(entry);
            if (name.isPresent() && !RefNames.isValid(name.get())) {
                throw new InvalidArchiveException(source.origin(), "index.json", "invalid ref name \"" + name.get()
                        + "\"");
            }
        }
        List<Descriptor> images = new ArrayList<>();
        Set<Digest> done = new HashSet<>();
        for (Descriptor entry : index.manifests()) {
            copy(source, entry, true, lease, done);
            images.add(entry);
            IndexRefs.name(entry).ifPresent(name -> names.put(name, entry));
        }
        refs.putAll(names);
        return new ImportResult(names, images);
    }

    private static void checkLayoutVersion(ArchiveSource source) {
        byte[] bytes = source.readSmall("oci-layout", MAX_LAYOUT_FILE);
        String version;
        try {
            JsonNode layout = StoreJson.parse(bytes);
            version = layout.path("imageLayoutVersion").asText("");
        } catch (IOException e) {
            throw new InvalidArchiveException(source.origin(), "oci-layout", "not valid JSON: " + e.getMessage());
        }
        if (!version.startsWith("1.")) {
            throw new InvalidArchiveException(source.origin(), "oci-layout", "unsupported imageLayoutVersion \""
                    + version + "\"");
        }
    }

    private static ImageIndex readIndex(ArchiveSource source) {
        byte[] bytes = source.readSmall("index.json", ManifestBytes.MAX_SIZE);
        try {
            if (ManifestBytes.parse(bytes).document() instanceof ImageIndex index) {
                return index;
            }
        } catch (OciException e) {
            throw new InvalidArchiveException(source.origin(), "index.json", e.getMessage());
        }
        throw new InvalidArchiveException(source.origin(), "index.json", "is not an image index");
    }

    private void copy(ArchiveSource source, Descriptor d, boolean required, Lease lease, Set<Digest> done) {
        if (done.contains(d.digest())) {
            return;
        }
        String name = "blobs/" + d.digest().blobPath();
        if (blobs.adopt(d.digest(), lease)) {
            long size = blobs.size(d.digest()).orElse(-1);
            if (size != d.size()) {
                throw new InvalidArchiveException(source.origin(), name, "descriptor says " + d.size()
                        + " bytes but the blob " + d.digest() + " has " + size);
            }
        } else {
            Optional<ArchiveSource.Entry> entry = source.entry(name);
            if (entry.isEmpty()) {
                if (required) {
                    throw new InvalidArchiveException(source.origin(), name, "blob " + d.digest() + " ("
                            + d.mediaType() + ") is missing");
                }
                return;
            }
            try (InputStream in = entry.get().open()) {
                blobs.ingest(in, d, lease);
            } catch (IOException e) {
                throw new StoreIOException("read " + name + " from the archive", source.origin(), e);
            }
        }
        done.add(d.digest());
        ContentGraph.Node node;
        try {
            node = new ContentGraph(blobs).node(d.digest(), Optional.of(d.mediaType()));
        } catch (OciException e) {
            throw new InvalidArchiveException(source.origin(), name, e.getMessage());
        }
        if (node instanceof ContentGraph.Document document) {
            for (ContentGraph.Edge edge : document.edges()) {
                copy(source, edge.target(), edge.required(), lease, done);
            }
        }
    }
}

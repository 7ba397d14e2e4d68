package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageConfig;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.ManifestDocument;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The references between blobs: index → manifests, manifest → config and layers, config →
 * the snapshots of its layers ({@code rootfs.diff_ids} → {@link ChainId#chain chain IDs}).
 * Manifests are parsed from their exact bytes ({@link ManifestBytes}); nothing is re-serialized.
 *
 * <p>A blob is read as a document only if it may be one: its media type is not a layer type,
 * it is at most {@link ManifestBytes#MAX_SIZE} bytes, and it starts with {@code '{'}. Roots
 * without a media type (lease and hold digests) are sniffed the same way.
 */
final class ContentGraph {
    private static final Logger log = LoggerFactory.getLogger(ContentGraph.class);

    /** An edge to a child; an index's children are optional (a pull may fetch one platform). */
    record Edge(Descriptor target, boolean required) {
    }

    /** What a blob turned out to be. */
    sealed interface Node permits Document, Config, Leaf {
    }

    /** A manifest or index, with its edges. */
    record Document(ManifestDocument document) implements Node {
        List<Edge> edges() {
            List<Edge> edges = new ArrayList<>();
            if (document instanceof ImageManifest manifest) {
                edges.add(new Edge(manifest.config(), true));
                for (Descriptor layer : manifest.layers()) {
                    // Foreign and non-distributable layers may legitimately be absent.
                    edges.add(new Edge(layer, !MediaType.isNonDistributable(layer.mediaType())));
                }
            } else if (document instanceof ImageIndex index) {
                index.manifests().forEach(m -> edges.add(new Edge(m, false)));
            }
            return edges;
        }
    }

    /** An image config, with the chain IDs of its layers' snapshots. */
    record Config(List<ChainId> chain) implements Node {
    }

    /** Anything else: a layer, an unknown document, or a blob that could not be read. */
    record Leaf() implements Node {
    }

    /** Everything the roots keep. */
    record Reachable(Set<Digest> blobs, Set<ChainId> snapshots) {
    }

    private final LayoutBlobStore blobs;

    ContentGraph(LayoutBlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * Marks everything reachable from the roots. Never fails on bad content: a blob that
     * cannot be parsed is a leaf (and logged), a missing child is skipped.
     */
    Reachable mark(Collection<Descriptor> typedRoots, Collection<Digest> untypedRoots,
            Collection<ChainId> snapshotRoots) {
        Set<Digest> marked = new HashSet<>();
        Set<ChainId> snapshots = new HashSet<>(snapshotRoots);
        Deque<Descriptor> typed = new ArrayDeque<>(typedRoots);
        Deque<Digest> untyped = new ArrayDeque<>(untypedRoots);
        while (!typed.isEmpty() || !untyped.isEmpty()) {
            Digest digest;
            Optional<String> mediaType;
            if (!typed.isEmpty()) {
                Descriptor d = typed.pop();
                digest = d.digest();
                mediaType = Optional.of(d.mediaType());
            } else {
                digest = untyped.pop();
                mediaType = Optional.empty();
            }
            if (!marked.add(digest)) {
                continue;
            }
            Node node = nodeQuietly(digest, mediaType);
            if (node instanceof Document doc) {
                doc.edges().forEach(edge -> typed.push(edge.target()));
            } else if (node instanceof Config config) {
                snapshots.addAll(config.chain());
            }
        }
        return new Reachable(marked, snapshots);
    }

    private Node nodeQuietly(Digest digest, Optional<String> mediaType) {
        try {
            return node(digest, mediaType);
        } catch (RuntimeException e) {
            log.warn("treating blob {} as a leaf: {}", digest, e.getMessage());
            return new Leaf();
        }
    }

    /**
     * Reads and classifies a blob.
     *
     * @throws OciException if it claims to be a manifest or index (by media type) but is not one
     */
    Node node(Digest digest, Optional<String> mediaType) {
        if (mediaType.filter(MediaType::isLayer).isPresent()) {
            return new Leaf();
        }
        long size = blobs.size(digest).orElse(-1);
        if (size < 0 || size > ManifestBytes.MAX_SIZE || !startsWithBrace(digest)) {
            return new Leaf();
        }
        byte[] bytes = blobs.readAll(digest, ManifestBytes.MAX_SIZE);
        if (mediaType.filter(t -> MediaType.isManifest(t) || MediaType.isIndex(t)).isPresent()) {
            return new Document(ManifestBytes.parse(bytes, mediaType).document());
        }
        if (mediaType.filter(MediaType::isConfig).isPresent()) {
            try {
                return config(bytes);
            } catch (OciException e) {
                log.debug("config {} has no layers to keep: {}", digest, e.getMessage());
                return new Leaf();
            }
        }
        try {
            return new Document(ManifestBytes.parse(bytes).document());
        } catch (OciException notAManifest) {
            try {
                return config(bytes);
            } catch (OciException notAConfig) {
                return new Leaf();
            }
        }
    }

    private static Config config(byte[] bytes) {
        return new Config(ChainId.chain(ImageConfig.parse(bytes).rootfs().diffIds()));
    }

    private boolean startsWithBrace(Digest digest) {
        try (InputStream in = blobs.open(digest)) {
            int b = in.read();
            while (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                b = in.read();
            }
            return b == '{';
        } catch (BlobNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new StoreIOException("read blob " + digest, blobs.paths().blob(digest), e);
        }
    }
}

package dev.stevedore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stevedore.layerstore.ChainId;
import dev.stevedore.layerstore.Hold;
import dev.stevedore.layerstore.LayerRef;
import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.layerstore.Lease;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The build cache: a step's result (its layer) under a key made of the parent's key, the
 * instruction after expansion and the step's inputs. Each entry is a layer-store hold named
 * {@code build-cache/<key>} keeping a small JSON record blob (layer descriptor and diff ID), the
 * layer blob and its snapshot, so entries survive restarts and GC.
 */
final class BuildCache {
    static final String PREFIX = "build-cache/";
    private static final String MEDIA_TYPE = "application/vnd.stevedore.build-cache.v1+json";

    private final LayerStore store;

    BuildCache(LayerStore store) {
        this.store = store;
    }

    /** SHA-256 hex of the parts, each ended by a NUL. */
    static String key(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A cached layer, when it was made (its history entry's time), and the key the stage goes on
     * from when that is not the key it was found under: a {@code COPY --from} found by its
     * source's chain ID goes on from the key of the content it copied, so that the steps after
     * it are found again when another chain gave the same content.
     */
    record Entry(LayerRef layer, Instant created, Optional<String> stateKey) {
    }

    Optional<Entry> lookup(String key) {
        Optional<Hold> hold = store.holds().get(PREFIX + key);
        if (hold.isEmpty()) {
            return Optional.empty();
        }
        for (Digest d : hold.get().blobs()) {
            OptionalLong size = store.blobs().size(d);
            if (size.isEmpty() || size.getAsLong() > 4096) {
                continue;
            }
            try (InputStream in = store.blobs().open(d)) {
                byte[] bytes = in.readAllBytes();
                if (bytes.length == 0 || bytes[0] != '{') {
                    continue;
                }
                JsonNode n = JsonTrees.read(bytes, JsonTrees.Reading.LENIENT);
                Descriptor layer = Descriptor.of(n.get("mediaType").asText(), Digest.parse(n.get("digest").asText()),
                        n.get("size").asLong());
                if (!store.blobs().contains(layer.digest())) {
                    return Optional.empty();
                }
                Instant created = n.has("created") ? Instant.parse(n.get("created").asText()) : Instant.EPOCH;
                Optional<String> stateKey = n.hasNonNull("stateKey") ? Optional.of(n.get("stateKey").asText())
                        : Optional.empty();
                return Optional.of(new Entry(new LayerRef(layer, Digest.parse(n.get("diffId").asText())), created,
                        stateKey));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    void put(String key, LayerRef layer, Instant created, ChainId snapshot, Lease lease) {
        put(key, layer, created, snapshot, lease, Optional.empty());
    }

    /** Records a layer under {@code key}; {@code stateKey}: see {@link Entry}. */
    void put(String key, LayerRef layer, Instant created, ChainId snapshot, Lease lease, Optional<String> stateKey) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("mediaType", layer.blob().mediaType());
        n.put("digest", layer.blob().digest().toString());
        n.put("size", layer.blob().size());
        n.put("diffId", layer.diffId().toString());
        n.put("created", created.toString());
        stateKey.ifPresent(k -> n.put("stateKey", k));
        byte[] bytes = JsonTrees.write(n);
        Descriptor record = store.blobs().write(MEDIA_TYPE, bytes, lease);
        store.holds().put(PREFIX + key, Set.of(record.digest(), layer.blob().digest()), Set.of(snapshot));
    }
}

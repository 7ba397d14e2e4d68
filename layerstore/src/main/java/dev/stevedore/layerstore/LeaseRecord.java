package dev.stevedore.layerstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stevedore.oci.Digest;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A lease as stored in {@code .stevedore/leases/<id>.json}: when it expires, and the blobs and
 * snapshots made under it.
 *
 * <pre>{@code {"id":"8f0c...","created":"...Z","expires":"...Z","blobs":["sha256:..."],"snapshots":[]}}</pre>
 *
 * @param id the lease id, 16 hex digits
 * @param created when it was taken
 * @param expires when it stops protecting anything, even if never closed
 * @param blobs digests committed under it
 * @param snapshots chain IDs of snapshots made under it
 */
record LeaseRecord(String id, Instant created, Instant expires, Set<Digest> blobs, Set<ChainId> snapshots) {
    LeaseRecord {
        blobs = Set.copyOf(blobs);
        snapshots = Set.copyOf(snapshots);
    }

    boolean isLive(Instant now) {
        return now.isBefore(expires);
    }

    LeaseRecord withBlob(Digest digest) {
        Set<Digest> more = new HashSet<>(blobs);
        more.add(digest);
        return new LeaseRecord(id, created, expires, more, snapshots);
    }

    LeaseRecord withSnapshot(ChainId chainId) {
        Set<ChainId> more = new HashSet<>(snapshots);
        more.add(chainId);
        return new LeaseRecord(id, created, expires, blobs, more);
    }

    LeaseRecord withExpiry(Instant newExpiry) {
        return new LeaseRecord(id, created, newExpiry, blobs, snapshots);
    }

    byte[] toJson() {
        ObjectNode node = StoreJson.object();
        node.put("id", id);
        node.put("created", created.toString());
        node.put("expires", expires.toString());
        node.set("blobs", StoreJson.strings(blobs));
        node.set("snapshots", StoreJson.strings(snapshots));
        return StoreJson.bytes(node);
    }

    static LeaseRecord parse(byte[] json) throws IOException {
        try {
            JsonNode node = StoreJson.parse(json);
            Set<Digest> blobs = new HashSet<>();
            node.path("blobs").forEach(d -> blobs.add(Digest.parse(d.asText())));
            Set<ChainId> snapshots = new HashSet<>();
            node.path("snapshots").forEach(d -> snapshots.add(new ChainId(Digest.parse(d.asText()))));
            return new LeaseRecord(node.path("id").asText(), Instant.parse(node.path("created").asText()),
                    Instant.parse(node.path("expires").asText()), blobs, snapshots);
        } catch (RuntimeException e) {
            throw new IOException("malformed lease record: " + e.getMessage(), e);
        }
    }
}

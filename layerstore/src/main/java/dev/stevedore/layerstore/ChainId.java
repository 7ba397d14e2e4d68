package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chain ID of a stack of layers, as the OCI image spec defines it: the first layer's is
 * its diff ID; each next one is {@code sha256(parentChainId + " " + diffId)}. Names a snapshot:
 * the same layers in the same order unpack to the same tree.
 *
 * <pre>{@code
 * List<ChainId> chain = ChainId.chain(config.rootfs().diffIds()); // one per layer, base first
 * }</pre>
 *
 * @param digest the chain ID's value
 */
public record ChainId(Digest digest) {
    /**
     * The chain ID of {@code diffId} on top of {@code parent}.
     *
     * @param parent the chain below, if any
     * @param diffId the layer's diff ID
     * @return the chain ID
     */
    public static ChainId of(Optional<ChainId> parent, Digest diffId) {
        if (parent.isEmpty()) {
            return new ChainId(diffId);
        }
        String text = parent.get().digest() + " " + diffId;
        return new ChainId(Digest.of(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The chain IDs of every prefix of {@code diffIds}.
     *
     * @param diffIds layer diff IDs, base first
     * @return one chain ID per layer, base first
     */
    public static List<ChainId> chain(List<Digest> diffIds) {
        List<ChainId> out = new ArrayList<>(diffIds.size());
        Optional<ChainId> parent = Optional.empty();
        for (Digest d : diffIds) {
            ChainId id = of(parent, d);
            out.add(id);
            parent = Optional.of(id);
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return digest.toString();
    }
}

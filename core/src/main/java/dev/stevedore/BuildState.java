package dev.stevedore;

import dev.stevedore.layerstore.ChainId;
import dev.stevedore.layerstore.LayerRef;
import dev.stevedore.oci.ContainerConfig;
import dev.stevedore.oci.History;
import dev.stevedore.oci.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage's image after some step: its layers (base first), its config, the cache key of
 * everything that led here, and whether this stage set CMD (ENTRYPOINT keeps it then).
 */
record BuildState(List<LayerRef> layers, ImageConfig image, String cacheKey, boolean cmdSet) {
    BuildState {
        layers = List.copyOf(layers);
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(cacheKey, "cacheKey");
    }

    ContainerConfig config() {
        return image.config();
    }

    Optional<ChainId> chainId() {
        if (layers.isEmpty()) {
            return Optional.empty();
        }
        List<ChainId> chain = ChainId.chain(layers.stream().map(LayerRef::diffId).toList());
        return Optional.of(chain.get(chain.size() - 1));
    }

    BuildState withConfig(ContainerConfig config, String key) {
        return new BuildState(layers, image.withConfig(config), key, cmdSet);
    }

    BuildState withCmdSet() {
        return new BuildState(layers, image, cacheKey, true);
    }

    BuildState withEmptyStep(History step) {
        return new BuildState(layers, image.withEmptyLayerStep(step), cacheKey, cmdSet);
    }

    BuildState withLayer(LayerRef layer, History step, String key) {
        List<LayerRef> more = new ArrayList<>(layers);
        more.add(layer);
        return new BuildState(more, image.withLayer(layer.diffId(), step), key, cmdSet);
    }

    BuildState withImage(ImageConfig next) {
        return new BuildState(layers, next, cacheKey, cmdSet);
    }
}

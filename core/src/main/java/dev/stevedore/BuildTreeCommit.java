package dev.stevedore;

import dev.stevedore.layerstore.LayerRef;
import dev.stevedore.layerstore.LayerSource;
import dev.stevedore.layerstore.Snapshot;
import dev.stevedore.layerstore.WrittenLayer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Cache lookup and commit of a layer made from a directory tree under a key the caller
 * computed (ADD of a URL, COPY --parents): the tree becomes the layer and its snapshot, and
 * the result is stored as the cache entry of the key.
 */
final class BuildTreeCommit {
    private BuildTreeCommit() {
    }

    /** The stage's state after a cached step of this key, reported as cached; empty on a miss or with noCache. */
    static Optional<BuildState> cached(BuilderRun build, BuildStep step, BuildState state, String key,
            String createdBy) {
        if (build.settings.noCache()) {
            return Optional.empty();
        }
        Optional<BuildCache.Entry> hit = build.cache.lookup(key);
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        build.listener().stepCached(step);
        return Optional.of(state.withLayer(hit.get().layer(), build.history(hit.get().created(), createdBy), key));
    }

    /** Writes {@code tree} as the next layer, moves it into place as its snapshot and records it under {@code key}. */
    static BuildState commit(BuilderRun build, BuildState state, Path tree, String createdBy, String key) {
        Instant now = build.now();
        WrittenLayer layer = build.store.writeLayer(build.writer, tree, LayerSource.tree(), build.lease());
        Snapshot snapshot = build.store.snapshots().commitUpper(tree, state.chainId(), layer.diffId());
        LayerRef ref = new LayerRef(layer.descriptor(), layer.diffId());
        build.cache.put(key, ref, now, snapshot.chainId(), build.lease());
        return state.withLayer(ref, build.history(now, createdBy), key);
    }
}

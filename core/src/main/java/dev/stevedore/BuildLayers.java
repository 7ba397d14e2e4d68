package dev.stevedore;

import dev.stevedore.layerstore.LayerRef;
import dev.stevedore.layerstore.LayerSource;
import dev.stevedore.layerstore.Snapshot;
import dev.stevedore.layerstore.WrittenLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Layers made from a directory tree (COPY, ADD, WORKDIR): cache lookup, layer, snapshot, cache entry. */
final class BuildLayers {
    private BuildLayers() {
    }

    /** The stage's root file system as overlay lower directories, unpacked if needed. */
    static BuildRootfs rootfs(BuilderRun build, BuildState state) {
        return BuildRootfs.of(lowers(build, state));
    }

    static List<Path> lowers(BuilderRun build, BuildState state) {
        return state.layers().isEmpty() ? List.of() : build.store.snapshots().prepare(state.layers());
    }

    /** The cached result of a step that makes a layer, unless the build ignores the cache. */
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
        return Optional.of(state.withLayer(hit.get().layer(), build.history(hit.get().created(), createdBy),
                hit.get().stateKey().orElse(key)));
    }

    /**
     * Commits {@code tree} as the stage's next layer: written to the store, moved into place as
     * the next snapshot, and recorded in the cache under {@code key}.
     */
    static BuildState commit(BuilderRun build, BuildState state, Path tree, String key, String createdBy)
            throws IOException {
        return commit(build, state, tree, key, key, createdBy);
    }

    /**
     * As {@link #commit(BuilderRun, BuildState, Path, String, String)}, recorded under two keys
     * (the same entry) when {@code stateKey} differs from {@code key}; the stage goes on from
     * {@code stateKey}.
     */
    static BuildState commit(BuilderRun build, BuildState state, Path tree, String key, String stateKey,
            String createdBy) throws IOException {
        Instant now = build.now();
        WrittenLayer layer = build.store.writeLayer(build.writer, tree, LayerSource.tree(), build.lease());
        Snapshot snapshot = build.store.snapshots().commitUpper(tree, state.chainId(), layer.diffId());
        LayerRef ref = new LayerRef(layer.descriptor(), layer.diffId());
        Optional<String> other = stateKey.equals(key) ? Optional.empty() : Optional.of(stateKey);
        build.cache.put(key, ref, now, snapshot.chainId(), build.lease(), other);
        if (other.isPresent()) {
            build.cache.put(stateKey, ref, now, snapshot.chainId(), build.lease());
        }
        return state.withLayer(ref, build.history(now, createdBy), stateKey);
    }

    /** Records a cached entry found under {@code found} also under {@code key}, going on from {@code found}. */
    static void alias(BuilderRun build, BuildState cached, String key, String found) {
        if (build.settings.noCache()) {
            return;
        }
        build.cache.lookup(found).ifPresent(e -> {
            LayerRef layer = cached.layers().get(cached.layers().size() - 1);
            build.cache.put(key, layer, e.created(), cached.chainId().orElseThrow(), build.lease(), Optional.of(found));
        });
    }

    /** A fresh tree root: a directory with the image root's mode (0755 when there is none). */
    static Path newTree(BuilderRun build, String what, BuildRootfs rootfs) throws IOException {
        Path tree = Files.createDirectory(build.stepDir(what).resolve("tree"));
        Optional<Path> root = rootfs.find("/");
        BuildFiles.chmod(tree, root.isPresent() ? BuildFiles.mode(root.get()) : 0755);
        return tree;
    }

    /**
     * Makes the directories of {@code absDir} in {@code tree}: those the image has keep its mode,
     * owner and time; new ones get 0755 and {@code owner} (root when null).
     */
    static void mkdirs(Path tree, String absDir, BuildRootfs rootfs, int[] owner, FileTime now) throws IOException {
        String rel = BuildRootfs.relative(absDir);
        if (rel.isEmpty()) {
            return;
        }
        StringBuilder prefix = new StringBuilder();
        for (String part : rel.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            prefix.append('/').append(part);
            Path target = tree.resolve(prefix.substring(1));
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectory(target);
            Optional<Path> existing = rootfs.find(prefix.toString());
            if (existing.isPresent() && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
                BuildFiles.chmod(target, BuildFiles.mode(existing.get()));
                BuildFiles.chown(target, BuildFiles.uid(existing.get()), BuildFiles.gid(existing.get()));
                BuildFiles.mtime(target, Files.getLastModifiedTime(existing.get(), LinkOption.NOFOLLOW_LINKS));
            } else {
                BuildFiles.chmod(target, 0755);
                BuildFiles.chown(target, owner == null ? 0 : owner[0], owner == null ? 0 : owner[1]);
                BuildFiles.mtime(target, now);
            }
        }
    }
}

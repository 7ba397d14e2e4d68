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

    /**
     * Commits {@code tree} as the stage's next layer, or reuses the cached layer of the same
     * key (parent key, instruction, tree digest).
     */
    static BuildState commitTree(BuilderRun build, BuildStep step, BuildState state, Path tree, String createdBy)
            throws IOException {
        String key = BuildCache.key(state.cacheKey(), createdBy, BuildFiles.treeDigest(tree));
        if (!build.settings.noCache()) {
            Optional<BuildCache.Entry> hit = build.cache.lookup(key);
            if (hit.isPresent()) {
                build.listener().stepCached(step);
                return state.withLayer(hit.get().layer(), build.history(hit.get().created(), createdBy), key);
            }
        }
        Instant now = build.now();
        WrittenLayer layer = build.store.writeLayer(build.writer, tree, LayerSource.tree(), build.lease());
        Snapshot snapshot = build.store.snapshots().commitUpper(tree, state.chainId(), layer.diffId());
        LayerRef ref = new LayerRef(layer.descriptor(), layer.diffId());
        build.cache.put(key, ref, now, snapshot.chainId(), build.lease());
        return state.withLayer(ref, build.history(now, createdBy), key);
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

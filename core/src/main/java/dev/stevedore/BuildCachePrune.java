package dev.stevedore;

import dev.stevedore.layerstore.GcReport;
import dev.stevedore.layerstore.Hold;
import dev.stevedore.layerstore.LayerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes the build cache: every {@code build-cache/*} hold of the store and the cache-mount
 * directories (with their lock files) under {@code <home>/build-cache-mounts}, then lets the
 * store's garbage collection reclaim what no image, lease or other hold keeps. Layers of
 * images stay; a running build keeps what it wrote under its lease.
 */
final class BuildCachePrune {
    private BuildCachePrune() {
    }

    static BuildCachePruneReport prune(LayerStore store, Path home) {
        int entries = 0;
        for (Hold hold : store.holds().list()) {
            if (hold.name().startsWith(BuildCache.PREFIX)) {
                store.holds().remove(hold.name());
                entries++;
            }
        }
        int mounts = 0;
        long mountBytes = 0;
        Path dir = home.resolve(BuildCacheMounts.DIR);
        if (Files.isDirectory(dir)) {
            List<Path> children;
            try (Stream<Path> s = Files.list(dir)) {
                children = s.sorted().toList();
            } catch (IOException e) {
                throw new StevedoreException("cannot list " + dir + ": " + e, e);
            }
            for (Path child : children) {
                try {
                    boolean isDir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
                    long size = size(child);
                    if (isDir) {
                        ContainerFiles.deleteTree(child);
                        mounts++;
                    } else {
                        Files.deleteIfExists(child);
                    }
                    mountBytes += size;
                } catch (IOException e) {
                    throw new StevedoreException("cannot remove the cache mount " + child + ": " + e, e);
                }
            }
        }
        GcReport gc = store.gc();
        return new BuildCachePruneReport(entries, mounts, gc.blobsRemoved().size(), gc.snapshotsRemoved().size(),
                gc.bytesFreed() + mountBytes);
    }

    private static long size(Path root) throws IOException {
        long[] total = {0};
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        total[0] += a.size();
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            });
        }
        return total[0];
    }
}

package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mark and sweep, entirely under the store lock (so commits, which register in their lease
 * under the same lock, and ref changes wait for it).
 *
 * <ol>
 *   <li>Roots: every {@code index.json} entry; the blobs and snapshots of every live lease
 *       (expired lease records are deleted); the blobs and snapshots of every hold.</li>
 *   <li>Mark: {@link ContentGraph#mark} follows index → manifests → config and layers, and
 *       configs to the chain IDs of their layers.</li>
 *   <li>Sweep: unmarked blobs; ingest temp files older than the grace period that no live
 *       writer holds (this JVM's are known, another's are locked); unmarked snapshots, through
 *       the {@link SnapshotSweeper}.</li>
 * </ol>
 */
final class GarbageCollector {
    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

    private final StorePaths paths;
    private final OpenRoot root;
    private final LayoutBlobStore blobs;
    private final IndexRefs refs;
    private final LeaseRecords leases;
    private final HoldRecords holds;
    private final SnapshotSweeper snapshots;
    private final Clock clock;

    GarbageCollector(StorePaths paths, OpenRoot root, LayoutBlobStore blobs, IndexRefs refs, LeaseRecords leases,
            HoldRecords holds, SnapshotSweeper snapshots, Clock clock) {
        this.paths = paths;
        this.root = root;
        this.blobs = blobs;
        this.refs = refs;
        this.leases = leases;
        this.holds = holds;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    GcReport collect(Duration ingestGrace) {
        return root.lock().locked(() -> {
            Instant now = clock.instant();
            List<Descriptor> typedRoots = new ArrayList<>(refs.entries());
            Set<Digest> untypedRoots = new HashSet<>();
            Set<ChainId> snapshotRoots = new HashSet<>();
            int expired = 0;
            for (LeaseRecord lease : leases.all()) {
                if (lease.isLive(now)) {
                    untypedRoots.addAll(lease.blobs());
                    snapshotRoots.addAll(lease.snapshots());
                } else {
                    leases.delete(lease.id());
                    expired++;
                }
            }
            for (Hold hold : holds.list()) {
                untypedRoots.addAll(hold.blobs());
                snapshotRoots.addAll(hold.snapshots());
            }
            ContentGraph.Reachable live = new ContentGraph(blobs).mark(typedRoots, untypedRoots, snapshotRoots);

            Set<Digest> removed = new HashSet<>();
            long freed = 0;
            for (Digest digest : blobs.list()) {
                if (!live.blobs().contains(digest)) {
                    freed += blobs.delete(digest);
                    removed.add(digest);
                }
            }
            int ingestRemoved = sweepIngest(now.minus(ingestGrace));
            Set<ChainId> snapshotsRemoved = new HashSet<>();
            for (ChainId chainId : snapshots.snapshots()) {
                if (!live.snapshots().contains(chainId)) {
                    snapshots.removeSnapshot(chainId);
                    snapshotsRemoved.add(chainId);
                }
            }
            log.debug("gc removed {} blobs ({} bytes), {} snapshots, {} ingest files, {} expired leases",
                    removed.size(), freed, snapshotsRemoved.size(), ingestRemoved, expired);
            return new GcReport(removed, freed, snapshotsRemoved, ingestRemoved, expired);
        });
    }

    private int sweepIngest(Instant staleBefore) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(paths.ingest())) {
            for (Path file : files) {
                if (!root.isActiveTemp(file) && isStale(file, staleBefore) && deleteIfUnlocked(file)) {
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new StoreIOException("list the ingest directory", paths.ingest(), e);
        }
        return removed;
    }

    private static boolean isStale(Path file, Instant staleBefore) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(staleBefore);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes an ingest file no live process holds. It is not one of this JVM's (checked
     * before), so opening and closing a channel on it here cannot drop a lock of ours.
     */
    private static boolean deleteIfUnlocked(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            Files.deleteIfExists(file);
            return true;
        } catch (OverlappingFileLockException | IOException e) {
            return false;
        }
    }
}

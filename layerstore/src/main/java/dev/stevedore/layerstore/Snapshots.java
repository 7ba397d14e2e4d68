package dev.stevedore.layerstore;

import static dev.stevedore.posix.OpenFlags.O_CLOEXEC;
import static dev.stevedore.posix.OpenFlags.O_DIRECTORY;
import static dev.stevedore.posix.OpenFlags.O_PATH;
import static dev.stevedore.posix.OpenFlags.O_RDONLY;

import dev.stevedore.oci.Digest;
import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.RenameFlags;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot store: every layer unpacked once, in overlay format, into a directory of its own
 * under {@code <store root>/.stevedore/snapshots/}, named by a short number ({@code 7/fs}) that
 * {@code index.json} maps from the layer's chain ID. Snapshots are shared read-only by every
 * image and container stacked on them.
 *
 * <pre>{@code
 * List<Path> lowers = snapshots.prepare(layers);      // layers base first...
 * Rootfs.overlay(lowers, upper, work);               // ...lowers TOP-MOST FIRST, as overlay's lowerdir wants
 * }</pre>
 *
 * <p><b>Order:</b> {@link #prepare} takes the layers base first, as manifests list them, and
 * returns their directories <b>top-most first</b>: {@code lowerdir=result[0]:result[1]:...}.
 *
 * <p>Concurrency: two threads, or two JVMs, preparing the same layer unpack it once; the others
 * wait and share it. The index is changed only under the {@link StoreLock}; a snapshot being
 * filled carries an in-progress marker naming its process ({@link SnapshotMarker}). Unpacking
 * runs outside the lock, so different layers unpack in parallel.
 *
 * <p>Durability and crashes: nothing is fsynced per file; each snapshot ends with one
 * {@code syncfs}, then its marker goes. Opening the store removes snapshots whose marker's
 * process is gone (a crash mid-unpack), and leftovers of interrupted removals; the next
 * {@code prepare} unpacks them again.
 */
public final class Snapshots implements SnapshotSweeper {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    private static final String FS = "fs";
    private static final String REMOVING = ".removing";
    private static final long POLL_MILLIS = 100;
    /** Snapshots this JVM is filling, by directory, for every instance on the same store. */
    private static final Map<Path, CompletableFuture<Path>> FILLING = new ConcurrentHashMap<>();

    private final Path dir;
    private final BlobReader blobs;
    private final StoreLock lock;
    private final ApplyOptions options;

    /** What a caller must do for a snapshot, decided under the lock. */
    private sealed interface Claim permits Ready, WaitHere, WaitElsewhere, Fill {}

    private record Ready(Snapshot snapshot) implements Claim {}

    private record WaitHere(CompletableFuture<Path> filling) implements Claim {}

    private record WaitElsewhere() implements Claim {}

    private record Fill(Snapshot snapshot, CompletableFuture<Path> done) implements Claim {}

    /** Fills a new snapshot's empty {@code fs} directory. */
    private interface Filler {
        void fill(Path fs);
    }

    /**
     * Opens the snapshot store, creating its directory, and removes what crashes left.
     *
     * @param dir the snapshot directory, {@code <store root>/.stevedore/snapshots}
     * @param blobs where layer blobs are read
     * @param lock the store lock
     */
    Snapshots(Path dir, BlobReader blobs, StoreLock lock) {
        this(dir, blobs, lock, ApplyOptions.of(ApplyMode.OVERLAY));
    }

    /**
     * Opens the snapshot store with applier options (limits, device policy); the mode must be overlay.
     *
     * @param dir the snapshot directory
     * @param blobs where layer blobs are read
     * @param lock the store lock
     * @param options how layers are unpacked
     */
    Snapshots(Path dir, BlobReader blobs, StoreLock lock, ApplyOptions options) {
        if (options.mode() != ApplyMode.OVERLAY) {
            throw new IllegalArgumentException("snapshots are in overlay format, not " + options.mode());
        }
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.options = options;
        try {
            Files.createDirectories(dir);
            this.dir = dir.toRealPath();
        } catch (IOException e) {
            throw new SnapshotException("create the snapshot directory", dir, e.toString(), e);
        }
        lock.locked(this::recover);
    }

    /** @return the snapshot directory */
    public Path directory() {
        return dir;
    }

    /**
     * Makes sure every layer of an image has its snapshot, unpacking (and verifying the diff ID
     * of) those missing, and returns their directories as overlay lower directories.
     *
     * @param layers the image's layers, <b>base first</b> (manifest order)
     * @return the snapshots' {@code fs} directories, <b>top-most first</b> (overlay {@code lowerdir} order)
     * @throws SnapshotDiffIdException if a layer does not unpack to its diff ID (that snapshot is removed)
     * @throws ApplyException if a layer cannot be applied (that snapshot is removed)
     * @throws StoreException if a blob is missing or the store cannot be changed
     */
    public List<Path> prepare(List<LayerRef> layers) {
        List<LayerRef> copy = List.copyOf(layers);
        List<ChainId> chain = ChainId.chain(copy.stream().map(LayerRef::diffId).toList());
        List<Path> lowers = new ArrayList<>(copy.size());
        for (int i = 0; i < copy.size(); i++) {
            LayerRef layer = copy.get(i);
            Optional<ChainId> parent = i == 0 ? Optional.empty() : Optional.of(chain.get(i - 1));
            lowers.add(obtain(chain.get(i), parent, layer.diffId(), fs -> unpack(layer, fs)).fs());
        }
        Collections.reverse(lowers);
        return List.copyOf(lowers);
    }

    /**
     * Turns a RUN step's overlay upper directory into the snapshot of the layer made from it,
     * without unpacking that layer again: the directory is renamed into place when on the same
     * file system, else copied with everything (owners, modes, times, hard links, devices,
     * overlay whiteouts and every extended attribute) and then deleted. If the snapshot already
     * exists, the upper directory is left alone.
     *
     * @param upperDir the upper directory (the container is stopped; nothing may write into it)
     * @param parent the chain ID of the layers below, empty for a base layer
     * @param diffId the diff ID of the layer made from {@code upperDir}
     * @return the snapshot
     * @throws StoreException if it cannot be moved or copied (the snapshot is removed)
     */
    public Snapshot commitUpper(Path upperDir, Optional<ChainId> parent, Digest diffId) {
        Objects.requireNonNull(upperDir, "upperDir");
        return obtain(ChainId.of(parent, diffId), parent, diffId, fs -> SnapshotCopier.moveOrCopy(sys(), upperDir, fs));
    }

    /**
     * The snapshot of a chain, if complete.
     *
     * @param chainId its chain ID
     * @return the snapshot, or empty if there is none or it is being filled
     */
    public Optional<Snapshot> get(ChainId chainId) {
        return lock.locked(() -> {
            Optional<SnapshotIndex.Entry> entry = SnapshotIndex.read(dir).get(chainId);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            Path snap = snapshotDir(entry.get().id());
            if (FILLING.containsKey(snap) || SnapshotMarker.state(snap) != SnapshotMarker.State.ABSENT
                    || !Files.isDirectory(snap.resolve(FS))) {
                return Optional.empty();
            }
            return Optional.of(snapshot(chainId, entry.get()));
        });
    }

    /** @return the chain IDs of every snapshot in the index, complete or not */
    @Override
    public Set<ChainId> snapshots() {
        return lock.locked(() -> Set.copyOf(SnapshotIndex.read(dir).entries().keySet()));
    }

    /**
     * Removes a snapshot (for garbage collection, which holds the store lock). One being filled
     * right now is left alone. Mounts using it are the caller's concern.
     *
     * @param chainId the snapshot
     */
    @Override
    public void removeSnapshot(ChainId chainId) {
        lock.locked(() -> {
            SnapshotIndex index = SnapshotIndex.read(dir);
            Optional<SnapshotIndex.Entry> entry = index.get(chainId);
            if (entry.isEmpty()) {
                return;
            }
            Path snap = snapshotDir(entry.get().id());
            if (FILLING.containsKey(snap) || SnapshotMarker.state(snap) == SnapshotMarker.State.OTHER_PROCESS) {
                log.debug("left snapshot {} ({}) alone: it is being filled", chainId, snap);
                return;
            }
            Path trash = trash(snap);
            index.remove(chainId);
            index.write();
            delete(trash);
        });
    }

    // ---- claiming and filling ------------------------------------------------------------

    private Snapshot obtain(ChainId chainId, Optional<ChainId> parent, Digest diffId, Filler filler) {
        while (true) {
            Claim claim = lock.locked(() -> claim(chainId, parent, diffId));
            if (claim instanceof Ready ready) {
                return ready.snapshot();
            } else if (claim instanceof WaitHere here) {
                try {
                    here.filling().join();
                } catch (CompletionException | java.util.concurrent.CancellationException e) {
                    log.debug("another thread failed to fill snapshot {}; trying again", chainId);
                }
            } else if (claim instanceof WaitElsewhere) {
                pause();
            } else {
                Fill fill = (Fill) claim;
                return fill(fill.snapshot(), fill.done(), filler);
            }
        }
    }

    private Claim claim(ChainId chainId, Optional<ChainId> parent, Digest diffId) {
        SnapshotIndex index = SnapshotIndex.read(dir);
        Optional<SnapshotIndex.Entry> existing = index.get(chainId);
        if (existing.isPresent()) {
            Path snap = snapshotDir(existing.get().id());
            CompletableFuture<Path> filling = FILLING.get(snap);
            if (filling != null) {
                return new WaitHere(filling);
            }
            SnapshotMarker.State state = SnapshotMarker.state(snap);
            if (state == SnapshotMarker.State.OTHER_PROCESS) {
                return new WaitElsewhere();
            }
            if (state == SnapshotMarker.State.ABSENT && Files.isDirectory(snap.resolve(FS))) {
                return new Ready(snapshot(chainId, existing.get()));
            }
            log.info("refilling the partial snapshot {} ({})", chainId, snap);
            delete(trash(snap));
            return filling(start(chainId, existing.get()));
        }
        SnapshotIndex.Entry entry = index.add(chainId, parent, diffId);
        Path snap = snapshotDir(entry.id());
        if (Files.exists(snap)) {
            delete(trash(snap)); // an orphan from before a crash
        }
        Snapshot snapshot = start(chainId, entry);
        try {
            index.write();
        } catch (RuntimeException e) {
            delete(snap);
            throw e;
        }
        return filling(snapshot);
    }

    /** Makes the snapshot's directory, marker and empty {@code fs}. */
    private Snapshot start(ChainId chainId, SnapshotIndex.Entry entry) {
        Snapshot snapshot = snapshot(chainId, entry);
        Path snap = snapshot.fs().getParent();
        try {
            Files.createDirectory(snap);
            SnapshotMarker.create(snap);
            Files.createDirectory(snapshot.fs());
        } catch (IOException e) {
            delete(snap);
            throw new SnapshotException("create the snapshot directory", snap, e.toString(), e);
        }
        return snapshot;
    }

    /** Registers the filling in this JVM (under the lock, once the index knows the snapshot). */
    private static Fill filling(Snapshot snapshot) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        FILLING.put(snapshot.fs().getParent(), done);
        return new Fill(snapshot, done);
    }

    private Snapshot fill(Snapshot snapshot, CompletableFuture<Path> done, Filler filler) {
        Path snap = snapshot.fs().getParent();
        try {
            filler.fill(snapshot.fs());
            syncfs(snap);
            lock.locked(() -> {
                try {
                    SnapshotMarker.delete(snap);
                } catch (IOException e) {
                    throw new SnapshotException("complete the snapshot", snap, e.toString(), e);
                }
            });
            done.complete(snapshot.fs());
            return snapshot;
        } catch (RuntimeException | Error e) {
            try {
                lock.locked(() -> discard(snapshot.chainId(), snap));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            done.completeExceptionally(e);
            throw e;
        } finally {
            FILLING.remove(snap, done);
        }
    }

    private void unpack(LayerRef layer, Path fs) {
        Digest blob = layer.blob().digest();
        ApplyResult result;
        try (InputStream in = blobs.open(blob)) {
            result = LayerApplier.of(options).apply(in, fs); // made per unpack: it binds the system calls
        } catch (IOException e) {
            throw new SnapshotException("unpack layer " + blob + " into", fs, e.toString(), e);
        }
        if (!result.diffId().equals(layer.diffId())) {
            throw new SnapshotDiffIdException(fs, blob, layer.diffId(), result.diffId());
        }
        log.debug("unpacked layer {} ({} entries) into {}", blob, result.entries(), fs);
    }

    private void discard(ChainId chainId, Path snap) {
        SnapshotIndex index = SnapshotIndex.read(dir);
        Path trash = trash(snap);
        index.remove(chainId);
        index.write();
        delete(trash);
    }

    // ---- recovery --------------------------------------------------------------------------

    private void recover() {
        SnapshotIndex index = SnapshotIndex.read(dir);
        boolean changed = false;
        Set<String> known = new HashSet<>();
        for (Map.Entry<ChainId, SnapshotIndex.Entry> e : List.copyOf(index.entries().entrySet())) {
            Path snap = snapshotDir(e.getValue().id());
            known.add(snap.getFileName().toString());
            SnapshotMarker.State state = SnapshotMarker.state(snap);
            if (FILLING.containsKey(snap) || state == SnapshotMarker.State.OTHER_PROCESS
                    || state == SnapshotMarker.State.ABSENT && Files.isDirectory(snap.resolve(FS))) {
                continue;
            }
            log.info("removing the partial snapshot {} ({}) a crash left", e.getKey(), snap);
            delete(trash(snap));
            index.remove(e.getKey());
            changed = true;
        }
        if (changed) {
            index.write();
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.matches("[0-9]+") && !known.contains(name) || name.endsWith(REMOVING)) {
                    log.info("removing {}, left by an interrupted unpack or removal", child);
                    delete(child);
                } else if (name.equals(SnapshotIndex.FILE + ".tmp")) {
                    Files.deleteIfExists(child);
                }
            }
        } catch (IOException e) {
            throw new SnapshotException("clean up", dir, e.toString(), e);
        }
    }

    // ---- files -----------------------------------------------------------------------------

    private Path snapshotDir(long id) {
        return dir.resolve(Long.toString(id));
    }

    private Snapshot snapshot(ChainId chainId, SnapshotIndex.Entry entry) {
        return new Snapshot(chainId, entry.parent(), entry.diffId(), entry.id(), snapshotDir(entry.id()).resolve(FS));
    }

    /** Renames a snapshot directory out of the way (one step, so a crash leaves a whole snapshot or a trash dir). */
    private Path trash(Path snap) {
        Path trash = snap.resolveSibling(snap.getFileName() + REMOVING);
        if (!Files.exists(snap, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return trash;
        }
        try {
            if (Files.exists(trash, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                delete(trash);
            }
            sys().renameat2(Fd.cwd(), snap, Fd.cwd(), trash, RenameFlags.RENAME_NOREPLACE);
        } catch (PosixException e) {
            throw new SnapshotException("remove the snapshot", snap, e.getMessage(), e);
        }
        return trash;
    }

    /** Deletes a directory tree without following any link in it. */
    private void delete(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Fd parent = sys().openat(Fd.cwd(), path.getParent(), O_PATH | O_DIRECTORY | O_CLOEXEC, 0)) {
            Path name = path.getFileName();
            try {
                sys().unlinkat(parent, name, 0);
            } catch (PosixException e) {
                if (e.errno() != Errno.EISDIR) {
                    throw e;
                }
                new ApplyRemoval(sys(), ApplyIdentity.current().root()).removeTree(parent, name);
            }
        } catch (PosixException | UncheckedIOException e) {
            throw new SnapshotException("delete", path, e.getMessage(), e);
        }
    }

    /**
     * The system calls, bound on first use: opening a store, and reading a snapshot that is
     * there, need none (a CLI command that only reads starts without loading the native bindings).
     */
    private static Syscalls sys() {
        return Syscalls.linux();
    }

    private void syncfs(Path snap) {
        try (Fd fd = sys().openat(Fd.cwd(), snap, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)) {
            sys().syncfs(fd);
        } catch (PosixException e) {
            throw new SnapshotException("write back", snap, e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Tried to wait for another process to finish a snapshot but was interrupted");
        }
    }
}

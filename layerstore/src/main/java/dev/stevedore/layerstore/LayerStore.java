package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The content-addressed image store: an OCI image layout on disk that {@code skopeo} and
 * {@code umoci} read as it is, with Stevedore's metadata beside it in {@code .stevedore/}.
 *
 * <pre>{@code
 * try (LayerStore store = LayerStore.open(home.resolve("store"))) {
 *     try (Lease lease = store.lease(Duration.ofHours(1))) {
 *         store.archives().importOci(Path.of("busybox-layout"), lease); // sets refs from index.json
 *     }
 *     Descriptor image = store.refs().get("latest").orElseThrow();
 *     GcReport gc = store.gc();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #blobs()}: verified, atomic blob writes and reads.</li>
 *   <li>{@link #refs()}: names in {@code index.json}.</li>
 *   <li>{@link #lease(Duration)} and {@link #holds()}: what keeps content from {@link #gc()}.</li>
 *   <li>{@link #archives()}: OCI layouts and {@code docker save} tarballs, in and out.</li>
 *   <li>{@link #writeLayer}: a directory (or overlay upper dir) as a layer blob.</li>
 *   <li>{@link #snapshots()}: layers unpacked once, as overlay lower directories.</li>
 *   <li>{@link #fsck(boolean)}: re-verifies everything.</li>
 * </ul>
 *
 * <p>Thread-safe. Several stores (in one JVM or several) may use the same root at once: they
 * coordinate through the lock file {@code .stevedore/lock}. Close it when done; closing twice is
 * harmless.
 */
public final class LayerStore implements AutoCloseable {
    /** How old an unlocked ingest temp file must be before {@link #gc()} deletes it. */
    public static final Duration DEFAULT_INGEST_GRACE = Duration.ofHours(1);

    private final StorePaths paths;
    private final OpenRoot openRoot;
    private final LayoutBlobStore blobs;
    private final IndexRefs refs;
    private final LeaseRecords leases;
    private final HoldRecords holds;
    private final SnapshotSweeper sweeper;
    private final Clock clock;
    private final ImageArchives archives;
    private volatile boolean closed;

    private LayerStore(StorePaths paths, OpenRoot openRoot, Clock clock,
            SweeperFactory sweepers) {
        this.paths = paths;
        this.openRoot = openRoot;
        this.clock = clock;
        this.leases = new LeaseRecords(paths, openRoot.lock(), clock);
        this.blobs = new LayoutBlobStore(paths, openRoot, leases);
        this.refs = new IndexRefs(paths, openRoot.lock(), blobs);
        this.holds = new HoldRecords(paths, openRoot.lock());
        this.sweeper = sweepers.create(paths, blobs, openRoot.lock());
        this.archives = new ImageArchives(this);
    }

    /**
     * Opens the store at {@code root}, creating an empty OCI image layout there if the
     * directory is missing or empty, and checking {@code oci-layout} otherwise.
     *
     * <pre>{@code LayerStore store = LayerStore.open(Path.of("/var/lib/stevedore/store"));}</pre>
     *
     * @param root the store's directory
     * @return the open store
     * @throws InvalidLayoutException if {@code root} holds something that is not an OCI image
     *     layout, or a layout of an unsupported version
     * @throws StoreIOException if it cannot be created or read
     */
    public static LayerStore open(Path root) {
        return open(root, Clock.systemUTC(), (paths, blobs, lock) -> new Snapshots(paths.snapshots(), blobs, lock));
    }

    /** Opens a store with a chosen clock and snapshot sweeper (tests, and the snapshot store's wiring). */
    static LayerStore open(Path root, Clock clock, SweeperFactory sweepers) {
        Objects.requireNonNull(root, "root");
        StorePaths paths = new StorePaths(root);
        StoreLayout.prepareRoot(paths);
        OpenRoot openRoot = OpenRoot.acquire(paths);
        try {
            openRoot.lock().locked(() -> StoreLayout.init(paths));
            return new LayerStore(paths, openRoot, clock, sweepers);
        } catch (RuntimeException | Error e) {
            openRoot.release();
            throw e;
        }
    }

    /**
     * Returns the blobs.
     *
     * @return the blob store, valid while this store is open
     */
    public BlobStore blobs() {
        checkOpen();
        return blobs;
    }

    /**
     * Returns the refs ({@code index.json}).
     *
     * @return the refs, valid while this store is open
     */
    public Refs refs() {
        checkOpen();
        return refs;
    }

    /**
     * Returns the named holds.
     *
     * @return the holds, valid while this store is open
     */
    public Holds holds() {
        checkOpen();
        return holds;
    }

    /**
     * Returns import and export of OCI layouts and {@code docker save} tarballs.
     *
     * @return the archive operations, valid while this store is open
     */
    public ImageArchives archives() {
        checkOpen();
        return archives;
    }

    /**
     * Returns the snapshots: every layer unpacked once, in overlay format, shared read-only.
     *
     * <pre>{@code
     * List<Path> lowers = store.snapshots().prepare(layers); // top-most first
     * }</pre>
     *
     * @return the snapshot store, valid while this store is open
     * @throws IllegalStateException if this store was opened without snapshots (tests only)
     */
    public Snapshots snapshots() {
        checkOpen();
        if (sweeper instanceof Snapshots real) {
            return real;
        }
        throw new IllegalStateException("the store at " + paths.root() + " was opened without snapshots");
    }

    /**
     * Writes {@code dir} as a layer blob into the store in one pass (tar, compression, diff ID
     * and digest), committing it under {@code lease}. Nothing is left behind if it fails.
     *
     * <pre>{@code
     * LayerWriter writer = LayerWriter.builder().sourceDateEpoch(epoch).build();
     * WrittenLayer layer = store.writeLayer(writer, upperDir, LayerSource.overlayUpper(), lease);
     * }</pre>
     *
     * @param writer how to write it (compression, ownership, mtimes)
     * @param dir the tree, overlay upper dir or changed tree
     * @param source how to read {@code dir}
     * @param lease the lease that keeps the blob
     * @return diff ID, digest, sizes and media type of the committed blob
     * @throws LayerWriterException if the tree cannot be written as a layer
     * @throws LeaseEndedException if the lease has ended
     */
    public WrittenLayer writeLayer(LayerWriter writer, Path dir, LayerSource source, Lease lease) {
        checkOpen();
        Objects.requireNonNull(writer, "writer");
        try (BlobWriter out = blobs.writer(writer.mediaType(), lease)) {
            WrittenLayer layer = writer.write(dir, source, out);
            Descriptor committed = out.commit();
            if (!committed.digest().equals(layer.digest()) || committed.size() != layer.size()) {
                throw new IllegalStateException("the layer writer reported " + layer.digest() + " but the store hashed "
                        + committed.digest() + " for " + dir);
            }
            return layer;
        }
    }

    /**
     * Takes a lease: everything written under it stays until it is closed or expires.
     *
     * <pre>{@code try (Lease lease = store.lease(Duration.ofHours(1))) { ... }}</pre>
     *
     * @param ttl how long it lasts if not closed (or {@link Lease#renew renewed}) before
     * @return the lease, recorded on disk
     */
    public Lease lease(Duration ttl) {
        checkOpen();
        return leases.create(ttl);
    }

    /**
     * Collects garbage, keeping ingest temp files younger than {@link #DEFAULT_INGEST_GRACE}.
     *
     * @return what was removed
     * @see #gc(Duration)
     */
    public GcReport gc() {
        return gc(DEFAULT_INGEST_GRACE);
    }

    /**
     * Collects garbage: removes every blob and snapshot that no ref, live lease or hold keeps
     * (following index → manifests → config and layers, and configs to their snapshots),
     * expired lease records, and ingest temp files older than {@code ingestGrace} that no live
     * writer holds. Runs under the store lock: writers wait for it, and nothing committed under
     * a live lease is ever removed.
     *
     * @param ingestGrace how old an unheld temp file must be to be deleted
     * @return what was removed
     */
    public GcReport gc(Duration ingestGrace) {
        checkOpen();
        Objects.requireNonNull(ingestGrace, "ingestGrace");
        return new GarbageCollector(paths, openRoot, blobs, refs, leases, holds, sweeper, clock)
                .collect(ingestGrace);
    }

    /**
     * Re-verifies every blob's digest and every ref's content (manifest → config and layers).
     * With {@code repair}, corrupt blobs are deleted so the right content can be written again;
     * refs are reported but never deleted (their descriptors say what to fetch again).
     *
     * <pre>{@code
     * FsckReport report = store.fsck(false);
     * assert report.isClean() : report;
     * }</pre>
     *
     * @param repair whether to delete corrupt blobs
     * @return what was found (and removed)
     */
    public FsckReport fsck(boolean repair) {
        checkOpen();
        return new StoreChecker(blobs, refs, openRoot.lock()).check(repair);
    }

    /**
     * Returns the store's directory.
     *
     * @return the absolute root
     */
    public Path root() {
        return paths.root();
    }

    /** Closes the store; leases taken from it stay recorded until closed or expired. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        openRoot.release();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store at " + paths.root() + " is closed");
        }
    }

    StorePaths paths() {
        return paths;
    }

    /** The store lock, for the snapshot store's index and anything else that must not race GC. */
    StoreLock lock() {
        return openRoot.lock();
    }

    OpenRoot openRoot() {
        return openRoot;
    }

    LayoutBlobStore blobStore() {
        return blobs;
    }

    IndexRefs indexRefs() {
        return refs;
    }

    LeaseRecords leaseRecords() {
        return leases;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "LayerStore[" + paths.root() + "]";
    }
}

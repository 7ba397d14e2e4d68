package dev.stevedore.layerstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps what is written under it from garbage collection until it is closed or expires
 * (containerd's lease semantics). A lease is data, not a lock: it lives in
 * {@code .stevedore/leases/<id>.json} with its expiry, so the lease of a JVM that crashed
 * simply expires. Take one for any multi-step write (a pull, an import, a build step) and set
 * the ref before closing it.
 *
 * <pre>{@code
 * try (Lease lease = store.lease(Duration.ofHours(1))) {
 *     Descriptor config = store.blobs().write(MediaType.OCI_CONFIG, configJson, lease);
 *     Descriptor layer = store.blobs().ingest(layerStream, expectedLayer, lease);
 *     Descriptor manifest = store.blobs().write(MediaType.OCI_MANIFEST, manifestJson, lease);
 *     store.refs().put("app:1", manifest);
 * } // now the ref keeps the image
 * }</pre>
 *
 * <p>Thread-safe: several threads may write under one lease. Closing twice is harmless.
 */
public final class Lease implements AutoCloseable {
    private final LeaseRecords records;
    private final String id;
    private volatile Instant expiresAt;
    private volatile boolean closed;

    Lease(LeaseRecords records, String id, Instant expiresAt) {
        this.records = records;
        this.id = id;
        this.expiresAt = expiresAt;
    }

    /**
     * Returns the lease's id, the name of its record file.
     *
     * @return 16 hex digits
     */
    public String id() {
        return id;
    }

    /**
     * Returns when the lease stops protecting its content if it is not closed before.
     *
     * @return the expiry time
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Moves the expiry to {@code ttl} from now, for work that takes longer than planned.
     *
     * <pre>{@code lease.renew(Duration.ofMinutes(30));}</pre>
     *
     * @param ttl how long from now the lease should last
     * @throws LeaseEndedException if it was closed or has already expired
     */
    public void renew(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease time to live must be positive: " + ttl);
        }
        expiresAt = records.renew(this, ttl);
    }

    /** Ends the lease and deletes its record; its content is then kept only by refs and holds. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        records.end(this);
    }

    boolean isClosed() {
        return closed;
    }

    /** The records this lease belongs to, to check it is used with its own store. */
    LeaseRecords records() {
        return records;
    }

    /**
     * Records that a snapshot was made under this lease, so GC keeps it while the lease lives.
     * For the snapshot store; takes the store lock.
     *
     * @param chainId the snapshot
     * @throws LeaseEndedException if the lease was closed or has expired
     */
    void addSnapshot(ChainId chainId) {
        records.addSnapshot(this, chainId);
    }

    @Override
    public String toString() {
        return "Lease[" + id + ", expires " + expiresAt + (closed ? ", closed" : "") + "]";
    }
}

package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease records in {@code .stevedore/leases/}. Every change happens under the store lock,
 * so a commit's registration and GC's mark never interleave. Records are replaced atomically
 * but not fsynced: a lease only matters while the process that holds it lives.
 */
final class LeaseRecords {
    private static final Logger log = LoggerFactory.getLogger(LeaseRecords.class);
    private static final String SUFFIX = ".json";

    private final StorePaths paths;
    private final StoreLock lock;
    private final Clock clock;

    LeaseRecords(StorePaths paths, StoreLock lock, Clock clock) {
        this.paths = paths;
        this.lock = lock;
        this.clock = clock;
    }

    Lease create(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease time to live must be positive: " + ttl);
        }
        Instant now = clock.instant();
        LeaseRecord record = new LeaseRecord(DurableFiles.randomId(), now, now.plus(ttl), Set.of(), Set.of());
        lock.locked(() -> write(record));
        return new Lease(this, record.id(), record.expires());
    }

    Instant renew(Lease lease, Duration ttl) {
        return lock.locked(() -> {
            LeaseRecord renewed = live(lease).withExpiry(clock.instant().plus(ttl));
            write(renewed);
            return renewed.expires();
        });
    }

    void end(Lease lease) {
        lock.locked(() -> delete(lease.id()));
    }

    /** Adds a committed blob to the lease; called by a commit while it holds the store lock. */
    void addBlob(Lease lease, Digest digest) {
        lock.locked(() -> {
            LeaseRecord record = live(lease);
            if (!record.blobs().contains(digest)) {
                write(record.withBlob(digest));
            }
        });
    }

    void addSnapshot(Lease lease, ChainId chainId) {
        lock.locked(() -> {
            LeaseRecord record = live(lease);
            if (!record.snapshots().contains(chainId)) {
                write(record.withSnapshot(chainId));
            }
        });
    }

    /** Fails unless the lease belongs to this store and is open, recorded and unexpired. */
    void checkUsable(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.records() != this && !lease.records().paths.equals(paths)) {
            throw new IllegalArgumentException(lease + " belongs to the store at " + lease.records().paths.root()
                    + ", not " + paths.root());
        }
        if (lease.isClosed()) {
            throw new LeaseEndedException(lease.id(), "closed");
        }
        if (!clock.instant().isBefore(lease.expiresAt())) {
            throw new LeaseEndedException(lease.id(), "expired at " + lease.expiresAt());
        }
    }

    private LeaseRecord live(Lease lease) {
        checkUsable(lease);
        LeaseRecord record = read(file(lease.id())).orElseThrow(() ->
                new LeaseEndedException(lease.id(), "its record is gone: it expired and was collected"));
        if (!record.isLive(clock.instant())) {
            throw new LeaseEndedException(lease.id(), "expired at " + record.expires());
        }
        return record;
    }

    /** Every readable lease record, live or not; unreadable ones are logged and skipped. */
    List<LeaseRecord> all() {
        List<LeaseRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(paths.leases(), "*" + SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresent(records::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreIOException("list the leases", paths.leases(), e);
        }
        return records;
    }

    void delete(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new StoreIOException("delete a lease record", file(id), e);
        }
    }

    private Optional<LeaseRecord> read(Path file) {
        try {
            return Optional.of(LeaseRecord.parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("ignoring unreadable lease record {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private void write(LeaseRecord record) {
        DurableFiles.replace(paths.ingest(), file(record.id()), record.toJson(), false);
    }

    private Path file(String id) {
        return paths.leases().resolve(id + SUFFIX);
    }
}

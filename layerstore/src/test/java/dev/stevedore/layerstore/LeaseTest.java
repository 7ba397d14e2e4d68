package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseTest {
    @TempDir
    Path tmp;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    LayerStore store;

    @BeforeEach
    void openStore() {
        store = LayerStore.open(tmp.resolve("store"), clock, (paths, blobs, lock) -> new NoSnapshots());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void recordsItsExpiryAndWhatWasWrittenUnderIt() throws Exception {
        // given
        Lease lease = store.lease(Duration.ofMinutes(5));

        // when
        Descriptor blob = store.blobs().write(MediaType.OCI_CONFIG, TestContent.bytes(10, 1), lease);

        // then
        Path record = store.root().resolve(".stevedore/leases/" + lease.id() + ".json");
        JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(record));
        assertThat(json.path("expires").asText()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(json.path("blobs").get(0).asText()).isEqualTo(blob.digest().toString());
        assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));

        // and closing deletes the record, twice harmlessly
        lease.close();
        lease.close();
        assertThat(record).doesNotExist();
    }

    @Test
    void protectsItsContentUntilItExpiresEvenIfNeverClosed() {
        // given a lease a crashed process would leave behind
        Lease lease = store.lease(Duration.ofMinutes(5));
        Descriptor blob = store.blobs().write(MediaType.OCI_CONFIG, TestContent.bytes(10, 2), lease);

        // when / then
        clock.advance(Duration.ofMinutes(4));
        assertThat(store.gc().blobsRemoved()).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        GcReport report = store.gc();
        assertThat(report.blobsRemoved()).containsExactly(blob.digest());
        assertThat(report.leasesExpired()).isEqualTo(1);
        assertThat(TestContent.files(store.root().resolve(".stevedore/leases"))).isEmpty();
    }

    @Test
    void refusesWritesAfterExpiryAndRenewsWhileLive() {
        // given
        Lease lease = store.lease(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(4));

        // when
        lease.renew(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(4));

        // then
        store.blobs().write(MediaType.OCI_CONFIG, TestContent.bytes(10, 3), lease);
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> store.blobs().write(MediaType.OCI_CONFIG, TestContent.bytes(10, 4), lease))
                .isInstanceOfSatisfying(LeaseEndedException.class, e -> assertThat(e.leaseId()).isEqualTo(lease.id()));
        assertThatThrownBy(() -> lease.renew(Duration.ofMinutes(5))).isInstanceOf(LeaseEndedException.class);
    }

    @Test
    void keepsSnapshotsMadeUnderIt() {
        // given
        InMemorySnapshots snapshots = new InMemorySnapshots();
        try (LayerStore withSnapshots = LayerStore.open(store.root(), clock, (paths, blobs, lock) -> snapshots)) {
            Lease lease = withSnapshots.lease(Duration.ofMinutes(5));
            ChainId unpacking = new ChainId(dev.stevedore.oci.Digest.of(new byte[] {1}));
            snapshots.add(unpacking);

            // when
            lease.addSnapshot(unpacking);

            // then
            assertThat(withSnapshots.gc().snapshotsRemoved()).isEmpty();
            lease.close();
            assertThat(withSnapshots.gc().snapshotsRemoved()).containsExactly(unpacking);
        }
    }
}

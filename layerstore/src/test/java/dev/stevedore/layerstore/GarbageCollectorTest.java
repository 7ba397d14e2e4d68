package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
    @TempDir
    Path tmp;
    InMemorySnapshots snapshots = new InMemorySnapshots();
    LayerStore store;

    @BeforeEach
    void openStore() {
        store = LayerStore.open(tmp.resolve("store"), java.time.Clock.systemUTC(), (paths, blobs, lock) -> snapshots);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private ChainId snapshotOf(TestContent.TinyImage image) {
        ChainId chainId = ChainId.chain(List.of(image.diffId())).get(0);
        snapshots.add(chainId);
        return chainId;
    }

    @Test
    void keepsWhatRefsLeasesAndHoldsReachAndRemovesTheRest() {
        // given
        Lease live = store.lease(Duration.ofMinutes(10));
        TestContent.TinyImage referenced;
        TestContent.TinyImage held;
        Descriptor heldBlob;
        TestContent.TinyImage garbage;
        try (Lease setup = store.lease(Duration.ofMinutes(10))) {
            referenced = TestContent.image(store, setup, "referenced");
            store.refs().put("app:1", referenced.manifest());
            held = TestContent.image(store, setup, "held");
            heldBlob = store.blobs().write(MediaType.OCI_LAYER_TAR, TestContent.bytes(100, 1), setup);
            store.holds().put("container/1", Set.of(held.manifest().digest(), heldBlob.digest()), Set.of());
            garbage = TestContent.image(store, setup, "garbage");
        }
        TestContent.TinyImage leased = TestContent.image(store, live, "leased");
        ChainId referencedSnapshot = snapshotOf(referenced);
        ChainId heldSnapshot = snapshotOf(held);
        ChainId leasedSnapshot = snapshotOf(leased);
        ChainId garbageSnapshot = snapshotOf(garbage);
        ChainId explicitlyHeld = new ChainId(Digest.of(new byte[] {1}));
        ChainId orphan = new ChainId(Digest.of(new byte[] {2}));
        snapshots.add(explicitlyHeld);
        snapshots.add(orphan);
        store.holds().put("build-cache/x", Set.of(), Set.of(explicitlyHeld));

        // when
        GcReport report = store.gc();

        // then
        assertThat(report.blobsRemoved()).containsExactlyInAnyOrderElementsOf(garbage.digests());
        assertThat(report.bytesFreed()).isEqualTo(
                garbage.manifest().size() + garbage.config().size() + garbage.layer().size());
        assertThat(report.snapshotsRemoved()).containsExactlyInAnyOrder(garbageSnapshot, orphan);
        assertThat(snapshots.snapshots()).containsExactlyInAnyOrder(referencedSnapshot, heldSnapshot, leasedSnapshot,
                explicitlyHeld);
        Set<Digest> kept = new HashSet<>(store.blobs().list());
        assertThat(kept).containsAll(referenced.digests()).containsAll(held.digests()).containsAll(leased.digests())
                .contains(heldBlob.digest());
        assertThat(store.fsck(false).isClean()).isTrue();

        // and once the lease and the hold end, their content goes too
        live.close();
        store.holds().remove("container/1");
        assertThat(store.gc().blobsRemoved()).containsExactlyInAnyOrder(leased.manifest().digest(),
                leased.config().digest(), leased.layer().digest(), held.manifest().digest(), held.config().digest(),
                held.layer().digest(), heldBlob.digest());
        assertThat(store.blobs().list()).containsExactlyInAnyOrderElementsOf(referenced.digests());
    }

    @Test
    void removesStaleIngestFilesButNeverThoseOfALiveWriter() throws Exception {
        // given a leftover of a crashed writer and an open, idle writer, both old
        Path ingest = store.root().resolve(".stevedore/ingest");
        Path leftover = Files.write(ingest.resolve("dead-writer.tmp"), TestContent.bytes(10, 2));
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(leftover, old);
        try (Lease lease = store.lease(Duration.ofMinutes(10));
                BlobWriter idle = store.blobs().writer(MediaType.OCI_LAYER_TAR, lease)) {
            idle.write(TestContent.bytes(10, 3));
            idle.flush();
            Path idleFile = TestContent.files(ingest).stream().filter(n -> !n.equals("dead-writer.tmp"))
                    .map(ingest::resolve).findFirst().orElseThrow();
            Files.setLastModifiedTime(idleFile, old);

            // when
            GcReport report = store.gc(Duration.ofHours(1));

            // then
            assertThat(report.ingestFilesRemoved()).isEqualTo(1);
            assertThat(leftover).doesNotExist();
            assertThat(idleFile).exists();
            idle.write(TestContent.bytes(10, 4));
            assertThat(idle.commit().size()).isEqualTo(20);
        }
    }

    @Test
    void neverRemovesWhatAnotherThreadIsIngestingMeanwhile() throws Exception {
        // given a thread that pulls images one after another: blobs under a lease, then the ref
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        int images = 30;
        try {
            Future<List<TestContent.TinyImage>> puller = pool.submit(() -> {
                List<TestContent.TinyImage> pulled = new ArrayList<>();
                for (int i = 0; i < images; i++) {
                    try (Lease lease = store.lease(Duration.ofMinutes(10))) {
                        TestContent.TinyImage image = TestContent.image(store, lease, "pull-" + i);
                        store.refs().put("image-" + i, image.manifest());
                        pulled.add(image);
                    }
                }
                done.set(true);
                return pulled;
            });

            // when GC runs over and over meanwhile
            int collections = 0;
            while (!done.get() || collections == 0) {
                store.gc(Duration.ZERO);
                collections++;
            }

            // then every image is complete
            List<TestContent.TinyImage> pulled = puller.get(60, TimeUnit.SECONDS);
            assertThat(collections).isPositive();
            for (TestContent.TinyImage image : pulled) {
                assertThat(store.blobs().list()).containsAll(image.digests());
            }
            assertThat(store.refs().list()).hasSize(images);
            assertThat(store.gc().blobsRemoved()).isEmpty();
            assertThat(store.fsck(false).isClean()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    @TempDir
    Path tmp;
    LayerStore store;
    Lease lease;

    @BeforeEach
    void openStore() {
        store = LayerStore.open(tmp.resolve("store"));
        lease = store.lease(Duration.ofMinutes(10));
    }

    @AfterEach
    void closeStore() {
        lease.close();
        store.close();
    }

    @Test
    void readsBackWhatWasWritten() throws IOException {
        // given
        byte[] content = TestContent.bytes(4096, 1);

        // when
        Descriptor written = store.blobs().write(MediaType.OCI_CONFIG, content, lease);

        // then
        assertThat(written).isEqualTo(Descriptor.ofContent(MediaType.OCI_CONFIG, content));
        assertThat(store.blobs().contains(written.digest())).isTrue();
        assertThat(store.blobs().size(written.digest())).hasValue(4096);
        assertThat(store.blobs().path(written.digest())).hasValue(
                store.root().resolve("blobs/sha256/" + written.digest().encoded()));
        try (InputStream in = store.blobs().open(written.digest())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.blobs().list()).containsExactly(written.digest());
    }

    @Test
    void reportsAMissingBlobByItsDigest() {
        // given
        Digest missing = Digest.of(new byte[] {42});

        // when / then
        assertThat(store.blobs().contains(missing)).isFalse();
        assertThat(store.blobs().size(missing)).isEmpty();
        assertThat(store.blobs().path(missing)).isEmpty();
        assertThatThrownBy(() -> store.blobs().open(missing))
                .isInstanceOfSatisfying(BlobNotFoundException.class, e -> assertThat(e.digest()).isEqualTo(missing))
                .hasMessageContaining(missing.toString());
    }

    @Test
    void ingestsAStreamVerifiedAgainstItsDescriptor() {
        // given
        byte[] content = TestContent.bytes(1_000_000, 2);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_LAYER_TAR, content);

        // when
        Descriptor stored = store.blobs().ingest(new ByteArrayInputStream(content), expected, lease);

        // then
        assertThat(stored).isEqualTo(expected);
        assertThat(store.blobs().contains(expected.digest())).isTrue();
    }

    @Test
    void stopsReadingAStreamThatGoesOnPastTheDeclaredSize() {
        // given a source that would never end
        byte[] content = TestContent.bytes(1000, 3);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_LAYER_TAR, content);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 7;
            }
        };

        // when / then
        assertThatThrownBy(() -> store.blobs().ingest(endless, expected, lease))
                .isInstanceOf(BlobSizeExceededException.class);
        assertThat(TestContent.blobFiles(store.root())).isEmpty();
        assertThat(TestContent.files(store.root().resolve(".stevedore/ingest"))).isEmpty();
    }

    @Test
    void doesNotReadTheStreamOfABlobItAlreadyHas() {
        // given
        byte[] content = TestContent.bytes(100, 4);
        Descriptor stored = store.blobs().write(MediaType.OCI_CONFIG, content, lease);
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the stream of a stored blob was read");
            }
        };

        // when
        Descriptor again = store.blobs().ingest(untouchable, stored, lease);

        // then
        assertThat(again).isEqualTo(stored);
    }

    @Test
    void concurrentWritersOfOneBlobLeaveOneCompleteCopy() throws Exception {
        // given
        byte[] content = TestContent.bytes(2_000_000, 5);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_LAYER_TAR, content);
        int writers = 8;
        CountDownLatch allWritten = new CountDownLatch(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            // when all write fully, then commit at once
            List<Future<Descriptor>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    try (BlobWriter out = store.blobs().writer(expected, lease)) {
                        out.write(content);
                        allWritten.countDown();
                        allWritten.await();
                        return out.commit();
                    }
                }));
            }

            // then
            for (Future<Descriptor> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestContent.blobFiles(store.root())).containsExactly(expected.digest().encoded());
        assertThat(TestContent.files(store.root().resolve(".stevedore/ingest"))).isEmpty();
        assertThat(store.fsck(false).isClean()).isTrue();
    }
}

package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.MediaType;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs on one store: the lock file, lease registration and ingest locks across processes. */
class MultiProcessStoreIT {
    @TempDir
    Path tmp;
    LayerStore store;

    @BeforeEach
    void openStore() {
        store = LayerStore.open(tmp.resolve("store"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void twoProcessesPuttingRefsAtOnceLoseNone() throws Exception {
        // given
        TestContent.TinyImage image;
        try (Lease lease = store.lease(Duration.ofMinutes(10))) {
            image = TestContent.image(store, lease, "refs");
            store.refs().put("keep", image.manifest());
        }
        try (ChildJvm child = ChildJvm.start(tmp, "put-refs", store.root().toString(), "child-", "200",
                image.manifest().digest().toString(), Long.toString(image.manifest().size()))) {
            child.awaitLine("ready");

            // when both put 200 refs at the same time
            for (int i = 0; i < 200; i++) {
                store.refs().put("parent-" + i, image.manifest());
            }
            child.finish();
        }

        // then
        List<String> expected = IntStream.range(0, 200).boxed()
                .flatMap(i -> List.of("child-" + i, "parent-" + i).stream()).toList();
        assertThat(store.refs().list().keySet()).containsAll(expected).hasSize(401);
    }

    @Test
    void aWriterKilledMidBlobLeavesAConsistentStoreAndTheWriteCanBeRedone() throws Exception {
        // given a child ingesting a 4 MiB blob from a pipe we feed
        byte[] content = TestContent.bytes(4 * 1024 * 1024, 42);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_LAYER_TAR, content);
        Path ingest = store.root().resolve(".stevedore/ingest");
        try (ChildJvm child = ChildJvm.start(tmp, "ingest-stdin", store.root().toString(),
                expected.digest().toString(), Long.toString(expected.size()), Integer.toString(1024 * 1024))) {
            child.awaitLine("ready");
            OutputStream pipe = child.stdin();
            pipe.write(content, 0, 1536 * 1024);
            pipe.flush();
            child.awaitLine("consumed");

            // while it lives, its temp file is locked: even a zero-grace GC here leaves it
            assertThat(store.gc(Duration.ZERO).ingestFilesRemoved()).isZero();
            assertThat(TestContent.files(ingest)).hasSize(1);

            // when it crashes
            child.crash();
        }

        // then nothing partial is visible and the store is consistent
        assertThat(store.blobs().contains(expected.digest())).isFalse();
        assertThat(TestContent.blobFiles(store.root())).doesNotContain(expected.digest().encoded());
        assertThat(store.fsck(false).isClean()).isTrue();

        // and the write can be redone
        try (Lease lease = store.lease(Duration.ofMinutes(10))) {
            assertThat(store.blobs().ingest(new ByteArrayInputStream(content), expected, lease)).isEqualTo(expected);
            store.refs().put("redone", expected);
        }
        assertThat(store.fsck(false).isClean()).isTrue();

        // and the dead writer's temp file, no longer locked, is collected
        assertThat(store.gc(Duration.ZERO).ingestFilesRemoved()).isEqualTo(1);
        assertThat(TestContent.files(ingest)).isEmpty();
    }

    @Test
    void twoProcessesIngestingTheSameBlobsAndMovingRefsStayConsistent() throws Exception {
        // given
        int count = 30;
        try (ChildJvm child = ChildJvm.start(tmp, "images", store.root().toString(), Integer.toString(count))) {
            child.awaitLine("ready");

            // when both write the same images, name them, move one ref and collect garbage
            StoreChild.images(store, count);
            child.finish();
        }

        // then
        assertThat(store.refs().list()).hasSize(count + 1);
        assertThat(store.refs().get("moving").orElseThrow().digest())
                .isIn(store.refs().list().values().stream().map(Descriptor::digest).toList());
        assertThat(store.blobs().list()).hasSize(3 * count);
        assertThat(store.fsck(false).isClean()).isTrue();
        assertThat(store.gc().blobsRemoved()).isEmpty();
        assertThat(TestContent.files(store.root().resolve(".stevedore/ingest"))).isEmpty();
        assertThat(TestContent.files(store.root().resolve(".stevedore/leases"))).isEmpty();
    }
}

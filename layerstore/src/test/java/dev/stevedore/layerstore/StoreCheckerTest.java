package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCheckerTest {
    @TempDir
    Path tmp;
    LayerStore store;
    TestContent.TinyImage image;
    byte[] layerBytes;

    @BeforeEach
    void openStore() throws Exception {
        store = LayerStore.open(tmp.resolve("store"));
        try (Lease lease = store.lease(Duration.ofMinutes(10))) {
            image = TestContent.image(store, lease, "fsck");
            store.refs().put("app:1", image.manifest());
        }
        layerBytes = Files.readAllBytes(store.blobs().path(image.layer().digest()).orElseThrow());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void findsNothingWrongInAGoodStore() {
        // when
        FsckReport report = store.fsck(false);

        // then
        assertThat(report.isClean()).isTrue();
        assertThat(report.blobsChecked()).isEqualTo(3);
    }

    @Test
    void detectsAFlippedByteAndRepairRemovesTheBlobSoItCanBeWrittenAgain() throws Exception {
        // given
        Path layer = store.blobs().path(image.layer().digest()).orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(layer.toFile(), "rw")) {
            file.seek(20);
            int b = file.read();
            file.seek(20);
            file.write(b ^ 0x01);
        }

        // when
        FsckReport found = store.fsck(false);

        // then
        assertThat(found.isClean()).isFalse();
        assertThat(found.corruptBlobs()).singleElement().satisfies(c -> {
            assertThat(c.digest()).isEqualTo(image.layer().digest());
            assertThat(c.problem()).startsWith("content hashes to sha256:");
        });
        assertThat(found.brokenRefs()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("app:1");
            assertThat(r.digest()).isEqualTo(image.layer().digest());
        });
        assertThat(layer).exists();

        // when repaired
        FsckReport repaired = store.fsck(true);

        // then the blob is gone, the ref stays and reports what to fetch again
        assertThat(repaired.removedBlobs()).containsExactly(image.layer().digest());
        assertThat(layer).doesNotExist();
        assertThat(store.refs().get("app:1")).isPresent();
        assertThat(store.fsck(false).brokenRefs()).singleElement()
                .satisfies(r -> assertThat(r.problem()).startsWith("missing"));
        try (Lease lease = store.lease(Duration.ofMinutes(1))) {
            store.blobs().write(image.layer().mediaType(), layerBytes, lease);
        }
        assertThat(store.fsck(false).isClean()).isTrue();
    }

    @Test
    void reportsARefWhoseConfigIsMissing() throws Exception {
        // given
        Files.delete(store.blobs().path(image.config().digest()).orElseThrow());

        // when
        FsckReport report = store.fsck(true);

        // then
        assertThat(report.corruptBlobs()).isEmpty();
        assertThat(report.brokenRefs()).singleElement().satisfies(r -> {
            assertThat(r.digest()).isEqualTo(image.config().digest());
            assertThat(r.problem()).isEqualTo("missing application/vnd.oci.image.config.v1+json");
        });
        assertThat(store.refs().get("app:1")).isPresent();
    }
}

package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.MediaType;
import dev.stevedore.testing.BusyboxImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerStoreTest {
    @TempDir
    Path tmp;

    @Test
    void createsAnEmptyOciImageLayout() throws Exception {
        // when
        try (LayerStore store = LayerStore.open(tmp.resolve("new/store"))) {
            // then
            Path root = store.root();
            assertThat(Files.readString(root.resolve("oci-layout"))).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
            assertThat(Files.readString(root.resolve("index.json")))
                    .isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                            + "\"manifests\":[]}");
            assertThat(root.resolve("blobs/sha256")).isDirectory();
            assertThat(TestContent.files(root.resolve(".stevedore"))).containsExactly("holds", "ingest", "leases",
                    "lock", "snapshots");
            assertThat(Files.size(root.resolve(".stevedore/lock"))).isZero();
        }
    }

    @Test
    void opensALayoutAnotherToolWrote() {
        // given
        BusyboxImage busybox = BusyboxImage.writeTo(tmp.resolve("busybox"));

        // when
        try (LayerStore store = LayerStore.open(busybox.layoutDir())) {
            // then
            assertThat(store.refs().get("latest").orElseThrow().digest()).isEqualTo(busybox.manifestDigest());
            assertThat(store.blobs().contains(busybox.layerDigest())).isTrue();
            assertThat(store.fsck(false).isClean()).isTrue();
        }
    }

    @Test
    void unpacksAReferencedImageOnceAndCollectsItsSnapshotWhenTheRefGoes() throws Exception {
        // given
        BusyboxImage busybox = BusyboxImage.writeTo(tmp.resolve("busybox"));
        try (LayerStore store = LayerStore.open(busybox.layoutDir())) {
            Descriptor layer = Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, busybox.layerDigest(),
                    Files.size(busybox.blob(busybox.layerDigest())));
            List<LayerRef> layers = List.of(new LayerRef(layer, busybox.diffId()));

            // when
            List<Path> lowers = store.snapshots().prepare(layers);
            GcReport kept = store.gc();

            // then
            assertThat(lowers).hasSize(1);
            assertThat(lowers.get(0).resolve("bin/busybox")).isRegularFile();
            assertThat(kept.snapshotsRemoved()).isEmpty();
            assertThat(store.snapshots().prepare(layers)).isEqualTo(lowers);

            // when
            store.refs().delete("latest");
            GcReport collected = store.gc();

            // then
            assertThat(collected.snapshotsRemoved()).containsExactly(ChainId.chain(List.of(busybox.diffId())).get(0));
            assertThat(lowers.get(0)).doesNotExist();
            assertThat(store.blobs().contains(busybox.layerDigest())).isFalse();
        }
    }

    @Test
    void writesADirectoryAsALayerBlobThatUnpacksToTheSameTree() throws Exception {
        // given
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(tree.resolve("motd"), "hello\n");
        Files.createSymbolicLink(tree.resolve("link"), Path.of("motd"));
        LayerWriter writer = LayerWriter.builder().sourceDateEpoch(Instant.ofEpochSecond(1_700_000_000)).build();

        try (LayerStore store = LayerStore.open(tmp.resolve("store"));
                Lease lease = store.lease(Duration.ofMinutes(5))) {
            // when
            WrittenLayer written = store.writeLayer(writer, tmp.resolve("tree"), LayerSource.tree(), lease);
            List<Path> lowers = store.snapshots().prepare(List.of(new LayerRef(written.descriptor(), written.diffId())));

            // then
            assertThat(store.blobs().size(written.digest())).hasValue(written.size());
            assertThat(lowers.get(0).resolve("etc/motd")).hasContent("hello");
            assertThat(Files.readSymbolicLink(lowers.get(0).resolve("etc/link"))).isEqualTo(Path.of("motd"));
            assertThat(Files.getLastModifiedTime(lowers.get(0).resolve("etc/motd")).toInstant())
                    .isBeforeOrEqualTo(Instant.ofEpochSecond(1_700_000_000));
        }
    }

    @Test
    void leavesNoBlobWhenTheTreeCannotBeWritten() {
        // given
        LayerWriter writer = LayerWriter.builder().build();
        try (LayerStore store = LayerStore.open(tmp.resolve("store"));
                Lease lease = store.lease(Duration.ofMinutes(5))) {
            // when / then
            assertThatThrownBy(() -> store.writeLayer(writer, tmp.resolve("missing"), LayerSource.tree(), lease))
                    .isInstanceOf(LayerWriterException.class).hasMessageContaining("missing");
            assertThat(store.blobs().list()).isEmpty();
            assertThat(TestContent.files(store.root().resolve(".stevedore/ingest"))).isEmpty();
        }
    }

    @Test
    void refusesADirectoryThatHoldsSomethingElse() throws Exception {
        // given
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("notes.txt"), "mine");

        // when / then
        assertThatThrownBy(() -> LayerStore.open(home))
                .isInstanceOfSatisfying(InvalidLayoutException.class, e -> assertThat(e.path()).isEqualTo(home))
                .hasMessageContaining("not empty");
        assertThat(home.resolve(".stevedore")).doesNotExist();
    }

    @Test
    void refusesALayoutOfAnUnknownVersion() throws Exception {
        // given
        Path root = Files.createDirectories(tmp.resolve("future"));
        Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");

        // when / then
        assertThatThrownBy(() -> LayerStore.open(root)).isInstanceOf(InvalidLayoutException.class)
                .hasMessageContaining("2.0.0");
    }

    @Test
    void closesTwiceHarmlesslyAndIsUnusableAfterwards() {
        // given
        LayerStore store = LayerStore.open(tmp.resolve("store"));

        // when
        store.close();
        store.close();

        // then
        assertThatThrownBy(store::refs).isInstanceOf(IllegalStateException.class);
        try (LayerStore again = LayerStore.open(tmp.resolve("store"))) {
            assertThat(again.refs().list()).isEmpty();
        }
    }
}

package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldsTest {
    @TempDir
    Path tmp;

    @Test
    void keepsNamedHoldsAcrossReopeningUntilRemoved() {
        // given
        Digest blob = Digest.of(new byte[] {1});
        ChainId snapshot = new ChainId(Digest.of(new byte[] {2}));
        String name = "build-cache/RUN apt-get update && ünïcode ../../etc";
        try (LayerStore store = LayerStore.open(tmp.resolve("store"))) {
            // when
            store.holds().put(name, Set.of(blob), Set.of(snapshot));
            store.holds().put("container/1", Set.of(), Set.of());
            store.holds().put("container/1", Set.of(blob), Set.of());
        }

        // then
        try (LayerStore store = LayerStore.open(tmp.resolve("store"))) {
            assertThat(store.holds().list()).containsExactly(
                    new Hold(name, Set.of(blob), Set.of(snapshot)), new Hold("container/1", Set.of(blob), Set.of()));
            assertThat(store.holds().get(name).orElseThrow().snapshots()).containsExactly(snapshot);
            assertThat(store.holds().remove(name)).isTrue();
            assertThat(store.holds().remove(name)).isFalse();
            assertThat(store.holds().get(name)).isEmpty();
            assertThat(TestContent.files(store.root().resolve(".stevedore/holds"))).hasSize(1);
        }
    }

    @Test
    void removesAHoldLazilyAtOnceForEveryoneSoThatGcCollectsWhatItKept() {
        // given: a blob only a hold keeps
        try (LayerStore store = LayerStore.open(tmp.resolve("store"))) {
            Descriptor blob;
            try (Lease lease = store.lease(Duration.ofMinutes(1))) {
                blob = store.blobs().write(MediaType.OCI_LAYER_TAR, TestContent.bytes(100, 7), lease);
                store.holds().put("container/1", Set.of(blob.digest()), Set.of());
            }
            assertThat(store.gc().blobsRemoved()).isEmpty();

            // when
            boolean removed = store.holds().removeLazily("container/1");

            // then: gone for this store, another instance on the same root, and GC
            assertThat(removed).isTrue();
            assertThat(store.holds().removeLazily("container/1")).isFalse();
            assertThat(store.holds().get("container/1")).isEmpty();
            try (LayerStore other = LayerStore.open(tmp.resolve("store"))) {
                assertThat(other.holds().list()).isEmpty();
            }
            assertThat(TestContent.files(store.root().resolve(".stevedore/holds"))).isEmpty();
            assertThat(store.gc().blobsRemoved()).containsExactly(blob.digest());
        }
    }

    @Test
    void refusesAHoldWithoutAName() {
        try (LayerStore store = LayerStore.open(tmp.resolve("store"))) {
            assertThatThrownBy(() -> store.holds().put("", Set.of(), Set.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

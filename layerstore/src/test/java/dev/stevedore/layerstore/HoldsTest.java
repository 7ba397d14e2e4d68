package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Digest;
import java.nio.file.Path;
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
    void refusesAHoldWithoutAName() {
        try (LayerStore store = LayerStore.open(tmp.resolve("store"))) {
            assertThatThrownBy(() -> store.holds().put("", Set.of(), Set.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

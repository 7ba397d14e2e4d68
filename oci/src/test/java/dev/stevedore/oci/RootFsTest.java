package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RootFsTest {

    @Test
    void rejectsTypeOtherThanLayers() {
        // when / then
        assertThatThrownBy(() -> new RootFs("overlay", List.of(), UnknownFields.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rootfs type must be \"layers\", got \"overlay\"");
    }

    @Test
    void addsLayersOnTopWithoutChangingTheOriginal() {
        // given
        RootFs base = RootFs.of(List.of(Digest.of(new byte[] {1})));

        // when
        RootFs next = base.withDiffId(Digest.of(new byte[] {2}));

        // then
        assertThat(base.diffIds()).hasSize(1);
        assertThat(next.diffIds()).containsExactly(Digest.of(new byte[] {1}), Digest.of(new byte[] {2}));
    }
}

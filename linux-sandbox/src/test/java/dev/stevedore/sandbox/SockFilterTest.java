package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SockFilterTest {
    @Test
    void laysInstructionsOutAsLittleEndianStructSockFilter() {
        // given
        List<SockFilter> program = List.of(new SockFilter(SockFilter.JGT_K, 3, 250, 0xC000003E),
                new SockFilter(SockFilter.RET_K, 0, 0, 0x7fff0000));

        // when
        byte[] bytes = SockFilter.encode(program);

        // then
        assertThat(bytes).containsExactly(
                0x25, 0x00, 3, (byte) 250, 0x3E, 0x00, 0x00, (byte) 0xC0,
                0x06, 0x00, 0, 0, 0x00, 0x00, (byte) 0xff, 0x7f);
        assertThat(SockFilter.decode(bytes)).isEqualTo(program);
    }

    @Test
    void rejectsBytesThatAreNotWholeInstructions() {
        // when / then
        assertThatThrownBy(() -> SockFilter.decode(new byte[12]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a BPF program is a multiple of 8 bytes, not 12");
    }

    @Test
    void rejectsJumpsThatDoNotFitEightBits() {
        // when / then
        assertThatThrownBy(() -> new SockFilter(SockFilter.JEQ_K, 256, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EbpfInstructionTest {
    @Test
    void encodesRegistersOffsetAndImmediateLittleEndian() {
        // given
        List<EbpfInstruction> program = List.of(
                EbpfInstruction.loadWord(2, 1, 4),
                EbpfInstruction.jumpIfNotEqual(4, 0x01020304, 3),
                EbpfInstruction.movImm(0, -1),
                EbpfInstruction.exit());

        // when
        byte[] bytes = EbpfInstruction.encode(program);

        // then
        assertThat(bytes).containsExactly(
                0x61, 0x12, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x55, 0x04, 0x03, 0x00, 0x04, 0x03, 0x02, 0x01,
                0xb7, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
                0x95, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
    }

    @Test
    void decodesWhatItEncodes() {
        // given
        List<EbpfInstruction> program = List.of(
                EbpfInstruction.movReg(0, 3),
                EbpfInstruction.andImm(0, 6),
                EbpfInstruction.jumpIfEqual(0, 0, 2),
                EbpfInstruction.jumpIfAnyBit(3, ~2, 1),
                EbpfInstruction.rshImm(3, 16),
                EbpfInstruction.exit());

        // when
        List<EbpfInstruction> decoded = EbpfInstruction.decode(EbpfInstruction.encode(program));

        // then
        assertThat(decoded).isEqualTo(program);
    }

    @Test
    void refusesRegistersAndOffsetsThatDoNotFit() {
        assertThatThrownBy(() -> EbpfInstruction.movImm(11, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("r0 to r10");
        assertThatThrownBy(() -> EbpfInstruction.jumpIfEqual(0, 0, 40_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bits");
        assertThatThrownBy(() -> EbpfInstruction.decode(new byte[7]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

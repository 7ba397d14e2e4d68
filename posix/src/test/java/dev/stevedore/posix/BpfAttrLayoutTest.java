package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.posix.Structs.BpfProgAttachAttr;
import dev.stevedore.posix.Structs.BpfProgLoadAttr;
import dev.stevedore.posix.Structs.BpfProgQueryAttr;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parts of {@code union bpf_attr} have the offsets gcc's offsetof reports for x86-64. */
class BpfAttrLayoutTest {
    @Test
    void laysOutProgLoadWithPointersAsU64AndTheNameAt48() {
        // given
        BpfProgLoadAttr attr = new BpfProgLoadAttr(15, 3, 0x1111, 0x2222,
                "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII));
        attr.log_level = 1;
        attr.log_size = 0x3333;
        attr.log_buf = 0x4444;
        attr.expected_attach_type = 6;

        // when
        attr.write();

        // then
        assertThat(attr.size()).isEqualTo(BpfProgLoadAttr.SIZE).isEqualTo(72);
        assertThat(attr.getPointer().getIntArray(0, 2)).containsExactly(15, 3);
        assertThat(attr.getPointer().getLong(8)).isEqualTo(0x1111);
        assertThat(attr.getPointer().getLong(16)).isEqualTo(0x2222);
        assertThat(attr.getPointer().getIntArray(24, 2)).containsExactly(1, 0x3333);
        assertThat(attr.getPointer().getLong(32)).isEqualTo(0x4444);
        assertThat(attr.getPointer().getString(48, "US-ASCII")).isEqualTo("abcdefghijklmno");
        assertThat(attr.getPointer().getInt(68)).isEqualTo(6);
    }

    @Test
    void laysOutAttachAsFiveU32() {
        // given
        BpfProgAttachAttr attr = new BpfProgAttachAttr(7, 8, 6, 2);

        // when
        attr.write();

        // then
        assertThat(attr.size()).isEqualTo(BpfProgAttachAttr.SIZE).isEqualTo(20);
        assertThat(attr.getPointer().getIntArray(0, 5)).containsExactly(7, 8, 6, 2, 0);
    }

    @Test
    void laysOutQueryWithTheIdsPointerAt16AndTheCountAt24() {
        // given
        BpfProgQueryAttr attr = new BpfProgQueryAttr(7, 6, 1, 0x5555, 64);

        // when
        attr.write();

        // then
        assertThat(attr.size()).isEqualTo(BpfProgQueryAttr.SIZE).isEqualTo(32);
        assertThat(attr.getPointer().getIntArray(0, 4)).containsExactly(7, 6, 1, 0);
        assertThat(attr.getPointer().getLong(16)).isEqualTo(0x5555);
        assertThat(attr.getPointer().getInt(24)).isEqualTo(64);
    }
}

package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DevicesTest {
    @ParameterizedTest(name = "makedev({0}, {1}) = {2}")
    @CsvSource({"0, 0, 0x0", "1, 3, 0x103", "136, 2, 0x8802", "74565, 424090, 0x120006783459a",
        "-1, -1, 0xffffffffffffffff"})
    void encodesLikeGlibcAndDecodesBack(int major, int minor, String expected) {
        // when
        long device = Devices.makedev(major, minor);

        // then: expected values printed by glibc's makedev on x86-64
        assertThat(device).isEqualTo(Long.parseUnsignedLong(expected.substring(2), 16));
        assertThat(Devices.major(device)).isEqualTo(major);
        assertThat(Devices.minor(device)).isEqualTo(minor);
    }
}

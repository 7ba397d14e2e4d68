package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.posix.Structs.MountAttrStruct;
import dev.stevedore.posix.Structs.OpenHowStruct;
import dev.stevedore.posix.Structs.StatStruct;
import dev.stevedore.posix.Structs.StatfsStruct;
import dev.stevedore.posix.Structs.TimespecPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JNA structures have the sizes and offsets of the x86-64 C structs (as gcc's offsetof reports them). */
class StructLayoutTest {
    @Test
    void laysOutStructStatIn144BytesWithNlinkBeforeMode() {
        // given
        StatStruct stat = new StatStruct();
        stat.st_nlink = 0x1111;
        stat.st_mode = 0x2222;
        stat.st_rdev = 0x3333;
        stat.st_atime = 0x4444;
        stat.st_ctime_nsec = 0x5555;

        // when
        stat.write();

        // then
        assertThat(stat.size()).isEqualTo(StatStruct.SIZE).isEqualTo(144);
        assertThat(stat.getPointer().getLong(16)).isEqualTo(0x1111);
        assertThat(stat.getPointer().getInt(24)).isEqualTo(0x2222);
        assertThat(stat.getPointer().getLong(40)).isEqualTo(0x3333);
        assertThat(stat.getPointer().getLong(72)).isEqualTo(0x4444);
        assertThat(stat.getPointer().getLong(112)).isEqualTo(0x5555);
    }

    @Test
    void laysOutStructStatfsIn120Bytes() {
        // given
        StatfsStruct statfs = new StatfsStruct();
        statfs.f_fsid[1] = 0x6666;
        statfs.f_flags = 0x7777;

        // when
        statfs.write();

        // then
        assertThat(statfs.size()).isEqualTo(StatfsStruct.SIZE).isEqualTo(120);
        assertThat(statfs.getPointer().getInt(60)).isEqualTo(0x6666);
        assertThat(statfs.getPointer().getLong(80)).isEqualTo(0x7777);
    }

    @Test
    void laysOutTheNewMountApiStructsAsU64Words() {
        // given
        OpenHowStruct how = new OpenHowStruct(new OpenHow(1, 2, 3));
        MountAttrStruct attr = new MountAttrStruct(new MountAttributes(4, 5, 6));

        // when
        how.write();
        attr.write();

        // then
        assertThat(how.size()).isEqualTo(OpenHowStruct.SIZE).isEqualTo(24);
        assertThat(how.getPointer().getLongArray(0, 3)).containsExactly(1, 2, 3);
        assertThat(attr.size()).isEqualTo(MountAttrStruct.SIZE).isEqualTo(32);
        assertThat(attr.getPointer().getLongArray(0, 4)).containsExactly(4, 5, 6, 0);
    }

    @Test
    void laysOutTwoTimespecsAsSecondsAndNanoseconds() {
        // given
        TimespecPair times = new TimespecPair(Instant.ofEpochSecond(7, 8), Instant.ofEpochSecond(9, 10));

        // when
        times.write();

        // then
        assertThat(times.size()).isEqualTo(32);
        assertThat(times.getPointer().getLongArray(0, 4)).containsExactly(7, 8, 9, 10);
    }
}

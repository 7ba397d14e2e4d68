package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarHeadersTest {
    private static TarEntry regular(String path, long size, long uid, long gid, long mtime) {
        return new TarEntry(path, TarEntry.Type.REGULAR, 0644, new TarOwner(uid, gid), size, mtime, "", 0, 0,
                List.of());
    }

    private static String field(byte[] header, int offset, int length) {
        return new String(header, offset, length, StandardCharsets.ISO_8859_1);
    }

    /** Parses headers followed by zero-filled content blocks plus the end marker, as {@link TarListing} wants them. */
    private static TarListing.Entry parse(byte[] headers, long size) {
        byte[] tar = new byte[headers.length + (int) TarHeaders.padded(size) + 1024];
        System.arraycopy(headers, 0, tar, 0, headers.length);
        return TarListing.parse(tar).get(0);
    }

    @Test
    void writesAPlainUstarHeaderWhenEverythingFits() {
        // when
        byte[] h = TarHeaders.encode(regular("etc/hostname", 5, 1000, 1000, 1700000000L));

        // then
        assertThat(h).hasSize(512);
        assertThat(field(h, 0, 13)).isEqualTo("etc/hostname\0");
        assertThat(field(h, 100, 8)).isEqualTo("0000644\0");
        assertThat(field(h, 108, 8)).isEqualTo("0001750\0");
        assertThat(field(h, 116, 8)).isEqualTo("0001750\0");
        assertThat(field(h, 124, 12)).isEqualTo("00000000005\0");
        assertThat(field(h, 136, 12)).isEqualTo("14524770400\0");
        assertThat((char) h[156]).isEqualTo('0');
        assertThat(field(h, 257, 8)).isEqualTo("ustar\u000000");
        assertThat(Arrays.copyOfRange(h, 265, 512)).containsOnly(0); // names, devices, prefix: empty
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        assertThat(field(h, 148, 8)).isEqualTo(String.format("%06o", sum) + "\0 ");
    }

    @Test
    void usesPaxRecordsForWhatUstarCannotHold() {
        // given: a 9 GiB file with a 150-byte name, ids beyond 7 octal digits, an mtime before 1970
        String name = "d/" + "x".repeat(148);
        long size = 9L << 30;

        // when
        byte[] h = TarHeaders.encode(regular(name, size, 3_000_000, 4_000_000, -86400));

        // then
        int paxLength = Integer.parseInt(field(h, 124, 11), 8);
        Map<String, byte[]> pax = TarListing.records(Arrays.copyOfRange(h, 512, 512 + paxLength));
        assertThat(pax.keySet()).containsExactly("gid", "mtime", "path", "size", "uid");
        assertThat(pax).extractingByKeys("gid", "mtime", "path", "size", "uid")
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .containsExactly("4000000", "-86400", name, "9663676416", "3000000");
        byte[] ustar = Arrays.copyOfRange(h, h.length - 512, h.length);
        assertThat(field(ustar, 0, 100)).isEqualTo(name.substring(0, 100));
        assertThat(field(ustar, 108, 40)).isEqualTo("0000000\0" + "0000000\0" + "00000000000\0" + "00000000000\0");
        assertThat(field(h, 0, 14)).isEqualTo("PaxHeaders/d/x");
        assertThat((char) h[156]).isEqualTo('x');
    }

    @Test
    void writesNonAsciiNamesAsPaxPathsWithAnAsciiStandIn() {
        // when
        byte[] h = TarHeaders.encode(regular("caf\u00e9/\u65e5\u672c", 0, 0, 0, 0));
        TarListing.Entry entry = parse(h, 0);

        // then
        assertThat(entry.name()).isEqualTo("caf\u00e9/\u65e5\u672c");
        assertThat(entry.ustarName()).isEqualTo("caf__/______");
    }

    @Test
    void countsTheLengthDigitsOfPaxRecordsAcrossAPowerOfTen() {
        // given: values that make a record of 99, 100 and 101 bytes
        for (int valueLength = 80; valueLength < 90; valueLength++) {
            byte[] value = "v".repeat(valueLength).getBytes(StandardCharsets.US_ASCII);
            TarEntry entry = new TarEntry("f", TarEntry.Type.REGULAR, 0644, TarOwner.ROOT, 0, 0, "", 0, 0,
                    List.of(Map.entry("user.k", value)));

            // when
            TarListing.Entry parsed = parse(TarHeaders.encode(entry), 0);

            // then: TarListing checks every record's length against its newline
            assertThat(parsed.xattrBytes("user.k")).isEqualTo(value);
        }
    }

    @Test
    void endsDirectoryNamesWithASlashAndWritesDeviceNumbersOnlyForDevices() {
        // when
        byte[] dir = TarHeaders.encode(new TarEntry("usr/lib", TarEntry.Type.DIRECTORY, 0755, TarOwner.ROOT, 0, 0,
                "", 0, 0, List.of()));
        byte[] device = TarHeaders.encode(new TarEntry("dev/tty1", TarEntry.Type.CHAR_DEVICE, 0620,
                TarOwner.ROOT, 0, 0, "", 4, 1, List.of()));

        // then
        assertThat(field(dir, 0, 9)).isEqualTo("usr/lib/\0");
        assertThat((char) dir[156]).isEqualTo('5');
        assertThat(Arrays.copyOfRange(dir, 329, 345)).containsOnly(0);
        assertThat(field(device, 329, 16)).isEqualTo("0000004\u00000000001\0");
    }
}

package dev.stevedore.layerstore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes {@link TarEntry}s as POSIX.1-2001 (pax) tar headers, the way every byte is fixed:
 *
 * <ul>
 *   <li>a ustar header for every entry: numbers as zero-padded octal ending in NUL, magic
 *       {@code "ustar\0"} version {@code "00"}, empty user and group names, no {@code prefix}
 *       split, device numbers only for devices;
 *   <li>a pax extended header ({@code 'x'}) before it only when something does not fit ustar:
 *       {@code path} (longer than 100 bytes or not ASCII), {@code linkpath} (likewise),
 *       {@code size} (8 GiB and more), {@code uid}/{@code gid} (above 2097151), {@code mtime}
 *       (negative or beyond 8^11 - 1 seconds), and {@code SCHILY.xattr.<name>} for every xattr;
 *       records sorted by key bytes; the extended header itself is named
 *       {@code PaxHeaders/<path>} (made ASCII, cut to 100 bytes), mode 0644, 0:0, mtime 0.
 *       The ustar fields then hold an ASCII stand-in (non-ASCII bytes as {@code _}, cut to 100)
 *       or 0, which readers ignore in favour of the pax records.
 * </ul>
 *
 * <p>Directories end in {@code /}. No archive-wide ({@code 'g'}) header, no atime or ctime,
 * no sub-second times.
 */
final class TarHeaders {
    /** The tar block size. */
    static final int BLOCK = 512;

    private static final int NAME_LENGTH = 100;
    private static final long MAX_ID = 07777777L;
    private static final long MAX_NUMBER = 077777777777L;
    private static final byte PAX_TYPE = 'x';
    private static final byte[] MAGIC = {'u', 's', 't', 'a', 'r', 0, '0', '0'};

    private TarHeaders() {}

    /**
     * The header block(s) of an entry: one ustar block, preceded by a pax extended header and
     * its records when needed.
     *
     * @param entry the entry
     * @return a multiple of 512 bytes
     */
    static byte[] encode(TarEntry entry) {
        byte[] name = TarNames.utf8(entry.type() == TarEntry.Type.DIRECTORY ? entry.path() + "/" : entry.path());
        byte[] link = TarNames.utf8(entry.linkName());
        Map<String, byte[]> pax = new TreeMap<>(TarNames.BYTE_ORDER);
        if (!fitsUstar(name)) {
            pax.put("path", name);
        }
        if (!fitsUstar(link)) {
            pax.put("linkpath", link);
        }
        if (entry.size() > MAX_NUMBER) {
            pax.put("size", ascii(Long.toString(entry.size())));
        }
        if (entry.owner().uid() > MAX_ID) {
            pax.put("uid", ascii(Long.toString(entry.owner().uid())));
        }
        if (entry.owner().gid() > MAX_ID) {
            pax.put("gid", ascii(Long.toString(entry.owner().gid())));
        }
        if (entry.mtime() < 0 || entry.mtime() > MAX_NUMBER) {
            pax.put("mtime", ascii(Long.toString(entry.mtime())));
        }
        for (Map.Entry<String, byte[]> xattr : entry.xattrs()) {
            pax.put("SCHILY.xattr." + xattr.getKey(), xattr.getValue());
        }
        byte[] header = ustar(standIn(name), entry.type().flag(), entry.mode(), entry.owner().uid(),
                entry.owner().gid(), entry.size(), entry.mtime(), standIn(link), entry.type(), entry.devMajor(),
                entry.devMinor());
        if (pax.isEmpty()) {
            return header;
        }
        byte[] records = records(pax);
        byte[] paxName = standIn(TarNames.utf8("PaxHeaders/" + entry.path()));
        byte[] paxHeader = ustar(paxName, PAX_TYPE, 0644, 0, 0, records.length, 0, new byte[0], null, 0, 0);
        byte[] out = new byte[BLOCK + padded(records.length) + BLOCK];
        System.arraycopy(paxHeader, 0, out, 0, BLOCK);
        System.arraycopy(records, 0, out, BLOCK, records.length);
        System.arraycopy(header, 0, out, out.length - BLOCK, BLOCK);
        return out;
    }

    /** {@code n} rounded up to a whole number of blocks. */
    static long padded(long n) {
        return (n + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static int padded(int n) {
        return (int) padded((long) n);
    }

    private static boolean fitsUstar(byte[] text) {
        if (text.length > NAME_LENGTH) {
            return false;
        }
        for (byte b : text) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** What goes into a 100-byte ustar field: the text, with non-ASCII bytes as '_', cut to fit. */
    private static byte[] standIn(byte[] text) {
        byte[] out = Arrays.copyOf(text, Math.min(text.length, NAME_LENGTH));
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                out[i] = '_';
            }
        }
        return out;
    }

    /** pax records {@code "<length> <key>=<value>\n"}, the length counting itself. */
    private static byte[] records(Map<String, byte[]> pax) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> record : pax.entrySet()) {
            byte[] key = TarNames.utf8(record.getKey());
            byte[] value = record.getValue();
            int rest = 1 + key.length + 1 + value.length + 1; // ' ' key '=' value '\n'
            int length = rest + Integer.toString(rest).length();
            if (Integer.toString(length).length() != Integer.toString(rest).length()) {
                length = rest + Integer.toString(length).length();
            }
            out.writeBytes(ascii(Integer.toString(length)));
            out.write(' ');
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(value);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] ustar(byte[] name, byte type, int mode, long uid, long gid, long size, long mtime,
            byte[] link, TarEntry.Type entryType, int devMajor, int devMinor) {
        byte[] h = new byte[BLOCK];
        System.arraycopy(name, 0, h, 0, name.length);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid > MAX_ID ? 0 : uid);
        octal(h, 116, 8, gid > MAX_ID ? 0 : gid);
        octal(h, 124, 12, size > MAX_NUMBER ? 0 : size);
        octal(h, 136, 12, mtime < 0 || mtime > MAX_NUMBER ? 0 : mtime);
        h[156] = type;
        System.arraycopy(link, 0, h, 157, link.length);
        System.arraycopy(MAGIC, 0, h, 257, MAGIC.length);
        if (entryType == TarEntry.Type.CHAR_DEVICE || entryType == TarEntry.Type.BLOCK_DEVICE) {
            octal(h, 329, 8, Integer.toUnsignedLong(devMajor));
            octal(h, 337, 8, Integer.toUnsignedLong(devMinor));
        }
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum); // six digits and NUL; the eighth byte stays a space
        return h;
    }

    /** Zero-padded octal in {@code width - 1} digits followed by NUL. */
    private static void octal(byte[] h, int offset, int width, long value) {
        int end = offset + width - 1;
        h[end] = 0;
        long v = value;
        for (int i = end - 1; i >= offset; i--) {
            h[i] = (byte) ('0' + (v & 7));
            v >>>= 3;
        }
        if (v != 0) {
            throw new IllegalArgumentException("value " + value + " does not fit " + (width - 1) + " octal digits");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

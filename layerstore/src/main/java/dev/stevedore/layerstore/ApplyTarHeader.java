package dev.stevedore.layerstore;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One 512-byte tar header block, checked and decoded: ustar (with its name prefix), GNU and
 * old V7 headers; numeric fields in octal or base-256.
 *
 * @param name the name, with the ustar prefix joined in
 * @param type the type flag ({@code '0'} for a NUL)
 * @param size the size field
 * @param linkName the link name field
 * @param mode the mode field's permission bits
 * @param uid the uid field
 * @param gid the gid field
 * @param mtime the mtime field, in seconds
 * @param devMajor the device major field
 * @param devMinor the device minor field
 */
record ApplyTarHeader(String name, char type, long size, String linkName, int mode, long uid, long gid, long mtime,
        long devMajor, long devMinor) {
    private static final long MAX_ID = 0xFFFF_FFFEL;

    /**
     * Parses a header block.
     *
     * @param b the block
     * @param target for messages
     * @param previous the previous entry's name, for messages
     * @return the header
     * @throws ApplyFormatException if the checksum or a field is wrong
     */
    static ApplyTarHeader parse(byte[] b, Path target, String previous) {
        String where = previous.isEmpty() ? "" : "after " + previous;
        checkChecksum(b, target, where);
        String name = cString(b, 0, 100, target, where);
        boolean posix = b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r'
                && b[262] == 0;
        if (posix && b[345] != 0) {
            name = cString(b, 345, 155, target, where) + "/" + name;
        }
        char type = b[156] == 0 ? '0' : (char) (b[156] & 0xff);
        long size = number(b, 124, 12, "size", target, name);
        if (size < 0) {
            throw new ApplyFormatException(target, name, "negative size " + size);
        }
        return new ApplyTarHeader(name, type, size, cString(b, 157, 100, target, name), (int) (number(b, 100, 8,
                "mode", target, name) & 07777), number(b, 108, 8, "uid", target, name), number(b, 116, 8, "gid",
                target, name), number(b, 136, 12, "mtime", target, name), posix || isGnu(b) ? number(b, 329, 8,
                "devmajor", target, name) : 0, posix || isGnu(b) ? number(b, 337, 8, "devminor", target, name) : 0);
    }

    /**
     * The entry this header (and its extensions) describe.
     *
     * @param fullName the name after PAX and GNU long names
     * @param fullLink the link name after PAX and GNU long links
     * @param dataSize the size after PAX
     * @param pax the PAX records
     * @param target for messages
     * @return the entry
     */
    ApplyEntry entry(String fullName, String fullLink, long dataSize, ApplyTarPax pax, Path target) {
        ApplyEntry.Type kind = switch (type) {
            case '0', '7' -> fullName.endsWith("/") ? ApplyEntry.Type.DIRECTORY : ApplyEntry.Type.FILE;
            case '1' -> ApplyEntry.Type.HARDLINK;
            case '2' -> ApplyEntry.Type.SYMLINK;
            case '3' -> ApplyEntry.Type.CHAR_DEVICE;
            case '4' -> ApplyEntry.Type.BLOCK_DEVICE;
            case '5', 'D' -> ApplyEntry.Type.DIRECTORY;
            case '6' -> ApplyEntry.Type.FIFO;
            case 'S' -> throw new ApplyFormatException(target, fullName, "GNU sparse files are not supported in layers");
            default -> throw new ApplyFormatException(target, fullName, "unsupported entry type '" + type + "'");
        };
        if (pax.sparse()) {
            throw new ApplyFormatException(target, fullName, "PAX sparse files are not supported in layers");
        }
        long u = pax.uid().orElse(uid);
        long g = pax.gid().orElse(gid);
        if (u < 0 || u > MAX_ID || g < 0 || g > MAX_ID) {
            throw new ApplyFormatException(target, fullName, "owner " + u + ":" + g + " is out of range");
        }
        long major = pax.devMajor().orElse(devMajor);
        long minor = pax.devMinor().orElse(devMinor);
        if (major < 0 || major > 0xFFFF_FFFFL || minor < 0 || minor > 0xFFFF_FFFFL) {
            throw new ApplyFormatException(target, fullName, "device " + major + "," + minor + " is out of range");
        }
        Instant m = pax.mtime().orElse(Instant.ofEpochSecond(mtime));
        return new ApplyEntry(fullName, kind, dataSize, mode, (int) u, (int) g, m, pax.atime().orElse(m), fullLink,
                (int) major, (int) minor, pax.xattrs());
    }

    /**
     * Decodes a NUL-terminated UTF-8 field.
     *
     * @throws ApplyFormatException if it is not UTF-8
     */
    static String cString(byte[] b, int offset, int length, Path target, String entry) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return utf8(b, offset, end - offset, target, entry);
    }

    /**
     * Decodes UTF-8 strictly.
     *
     * @throws ApplyFormatException if it is not UTF-8
     */
    static String utf8(byte[] b, int offset, int length, Path target, String entry) {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApplyFormatException(target, entry, "a name is not valid UTF-8 (bytes "
                    + java.util.HexFormat.of().formatHex(b, offset, offset + Math.min(length, 64)) + ")");
        }
    }

    private static boolean isGnu(byte[] b) {
        return b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r' && b[262] == ' ';
    }

    private static void checkChecksum(byte[] b, Path target, String where) {
        long stored;
        try {
            stored = octal(b, 148, 8);
        } catch (NumberFormatException e) {
            throw new ApplyFormatException(target, "", "a header " + where + " has a malformed checksum field");
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < 512; i++) {
            int v = i >= 148 && i < 156 ? ' ' : b[i];
            unsigned += v & 0xff;
            signed += v;
        }
        if (stored != unsigned && stored != signed) {
            throw new ApplyFormatException(target, "", "a header " + where + " has a bad checksum (stored " + stored
                    + ", computed " + unsigned + "): not a tar archive, or corrupt");
        }
    }

    private static long number(byte[] b, int offset, int length, String field, Path target, String entry) {
        if ((b[offset] & 0x80) != 0) {
            // base-256: the first byte's high bit is the marker; 0xff starts a negative number
            boolean negative = (b[offset] & 0x40) != 0;
            long value = negative ? -1 : 0;
            for (int i = 0; i < length; i++) {
                int v = i == 0 ? (b[offset] & (negative ? 0xff : 0x7f)) : b[offset + i] & 0xff;
                if (!negative && (value >>> 55) != 0 || negative && (value >> 55) != -1) {
                    throw new ApplyFormatException(target, entry, "the " + field + " field overflows 64 bits");
                }
                value = value << 8 | v;
            }
            return value;
        }
        try {
            return octal(b, offset, length);
        } catch (NumberFormatException e) {
            throw new ApplyFormatException(target, entry, "the " + field + " field is not an octal number");
        }
    }

    private static long octal(byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && (b[i] == ' ' || b[i] == 0)) {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < end && b[i] >= '0' && b[i] <= '7') {
            if (++digits > 21) {
                throw new NumberFormatException("too long");
            }
            value = value << 3 | (b[i] - '0');
            i++;
        }
        while (i < end) {
            if (b[i] != ' ' && b[i] != 0) {
                throw new NumberFormatException("not octal");
            }
            i++;
        }
        return value;
    }
}

package dev.stevedore.layerstore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A strict reader of the tars the writer produces, for tests: checks every header checksum,
 * the ustar magic, the end-of-archive blocks, and keeps pax record values as raw bytes (so
 * binary xattrs can be compared).
 */
final class TarListing {
    /** One entry, with pax values applied. */
    record Entry(String name, char type, int mode, long uid, long gid, long size, long mtime, String link,
            int devMajor, int devMinor, Map<String, byte[]> pax, byte[] content, String ustarName) {
        String xattr(String key) {
            byte[] v = pax.get("SCHILY.xattr." + key);
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }

        byte[] xattrBytes(String key) {
            return pax.get("SCHILY.xattr." + key);
        }

        /** Like {@code tar -tv}: type, octal mode, uid:gid, name and link. */
        String line() {
            return type + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid + " " + name
                    + (link.isEmpty() ? "" : " -> " + link);
        }
    }

    private TarListing() {}

    static List<Entry> parseGzip(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Entry> parse(byte[] tar) {
        if (tar.length % 512 != 0) {
            throw new AssertionError("tar size " + tar.length + " is not a multiple of 512");
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, byte[]> pax = new LinkedHashMap<>();
        int at = 0;
        while (true) {
            if (at + 1024 > tar.length) {
                throw new AssertionError("no end-of-archive blocks");
            }
            byte[] h = Arrays.copyOfRange(tar, at, at + 512);
            if (allZero(h)) {
                if (!allZero(Arrays.copyOfRange(tar, at + 512, at + 1024)) || at + 1024 != tar.length) {
                    throw new AssertionError("end of archive is not exactly two zero blocks at the end");
                }
                return entries;
            }
            checkChecksum(h, at);
            if (!new String(h, 257, 8, StandardCharsets.ISO_8859_1).equals("ustar\u000000")) {
                throw new AssertionError("bad magic at " + at);
            }
            char type = (char) h[156];
            long size = octal(h, 124, 12);
            if (type != 'x' && pax.containsKey("size")) {
                size = Long.parseLong(new String(pax.get("size"), StandardCharsets.US_ASCII));
            }
            byte[] data = Arrays.copyOfRange(tar, at + 512, at + 512 + (int) size);
            at += 512 + (int) ((size + 511) / 512 * 512);
            if (type == 'x') {
                pax.putAll(records(data));
                continue;
            }
            String ustarName = cString(h, 0, 100);
            String name = pax.containsKey("path") ? new String(pax.get("path"), StandardCharsets.UTF_8) : ustarName;
            String link = pax.containsKey("linkpath") ? new String(pax.get("linkpath"), StandardCharsets.UTF_8)
                    : cString(h, 157, 100);
            long uid = pax.containsKey("uid") ? Long.parseLong(new String(pax.get("uid"), StandardCharsets.US_ASCII))
                    : octal(h, 108, 8);
            long gid = pax.containsKey("gid") ? Long.parseLong(new String(pax.get("gid"), StandardCharsets.US_ASCII))
                    : octal(h, 116, 8);
            long mtime = pax.containsKey("mtime")
                    ? Long.parseLong(new String(pax.get("mtime"), StandardCharsets.US_ASCII)) : octal(h, 136, 12);
            if (h[265] != 0 || h[297] != 0) {
                throw new AssertionError("user or group name is not empty for " + name);
            }
            entries.add(new Entry(name, type, (int) octal(h, 100, 8), uid, gid, size, mtime, link,
                    (int) octal(h, 329, 8), (int) octal(h, 337, 8), Map.copyOf(pax), data, ustarName));
            pax.clear();
        }
    }

    static List<String> names(List<Entry> entries) {
        return entries.stream().map(Entry::name).toList();
    }

    static Entry entry(List<Entry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name + " in " + names(entries)));
    }

    static Map<String, byte[]> records(byte[] data) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int at = 0;
        while (at < data.length) {
            int space = indexOf(data, (byte) ' ', at);
            int length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            int equals = indexOf(data, (byte) '=', space);
            String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            if (data[at + length - 1] != '\n') {
                throw new AssertionError("pax record for " + key + " does not end in a newline");
            }
            out.put(key, Arrays.copyOfRange(data, equals + 1, at + length - 1));
            at += length;
        }
        return out;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        throw new AssertionError("malformed pax record");
    }

    private static void checkChecksum(byte[] h, int at) {
        long expected = octal(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        if (sum != expected) {
            throw new AssertionError("bad checksum at " + at);
        }
    }

    private static long octal(byte[] h, int offset, int width) {
        long v = 0;
        for (int i = offset; i < offset + width && h[i] != 0 && h[i] != ' '; i++) {
            v = v * 8 + (h[i] - '0');
        }
        return v;
    }

    private static String cString(byte[] h, int offset, int width) {
        int end = offset;
        while (end < offset + width && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes a layer into memory. */
    static byte[] bytes(LayerWriter writer, Path dir, LayerSource source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(dir, source, out);
        return out.toByteArray();
    }
}

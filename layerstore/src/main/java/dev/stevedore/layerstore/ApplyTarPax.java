package dev.stevedore.layerstore;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The PAX extended header records that precede one entry ({@code "<length> <key>=<value>\n"}),
 * parsed strictly. Values stay bytes until used: extended attribute values are binary.
 */
final class ApplyTarPax {
    private static final String SCHILY_XATTR = "SCHILY.xattr.";
    private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

    private final Path target;
    private String entry = "";
    private final Map<String, byte[]> records = new HashMap<>();
    private final Map<String, byte[]> xattrs = new LinkedHashMap<>();
    private boolean sparse;

    ApplyTarPax(Path target) {
        this.target = target;
    }

    /**
     * Adds the records of one extended header; later ones win.
     *
     * @param content the header's data
     * @throws ApplyFormatException if a record is malformed
     */
    void add(byte[] content) {
        int pos = 0;
        while (pos < content.length) {
            if (content[pos] == 0) {
                break; // some writers pad with NULs
            }
            int space = pos;
            long length = 0;
            while (space < content.length && content[space] >= '0' && content[space] <= '9' && space - pos < 10) {
                length = length * 10 + (content[space] - '0');
                space++;
            }
            if (space == pos || space >= content.length || content[space] != ' ' || length <= space - pos + 1
                    || pos + length > content.length || content[(int) (pos + length - 1)] != '\n') {
                throw new ApplyFormatException(target, entry, "malformed PAX record at byte " + pos);
            }
            int end = (int) (pos + length - 1);
            int equals = space + 1;
            while (equals < end && content[equals] != '=') {
                equals++;
            }
            if (equals == end || equals == space + 1) {
                throw new ApplyFormatException(target, entry, "malformed PAX record at byte " + pos + " (no key=value)");
            }
            String key = ApplyTarHeader.utf8(content, space + 1, equals - space - 1, target, entry);
            byte[] value = java.util.Arrays.copyOfRange(content, equals + 1, end);
            put(key, value);
            pos = (int) (pos + length);
        }
    }

    private void put(String key, byte[] value) {
        if (key.startsWith(SCHILY_XATTR)) {
            String name = key.substring(SCHILY_XATTR.length());
            xattrs.put(name, value);
        } else if (key.startsWith(LIBARCHIVE_XATTR)) {
            String name = java.net.URLDecoder.decode(key.substring(LIBARCHIVE_XATTR.length()), StandardCharsets.UTF_8);
            try {
                xattrs.put(name, Base64.getDecoder().decode(value));
            } catch (IllegalArgumentException e) {
                throw new ApplyFormatException(target, entry, "PAX record " + key + " is not base64");
            }
        } else if (key.startsWith("GNU.sparse.")) {
            sparse = true;
        } else if (value.length == 0) {
            records.remove(key);
        } else {
            records.put(key, value);
        }
    }

    /** @param name the entry these records belong to, for messages */
    void entry(String name) {
        entry = name;
    }

    /** @return whether a record marks a sparse file */
    boolean sparse() {
        return sparse;
    }

    Optional<String> path() {
        return text("path");
    }

    Optional<String> linkPath() {
        return text("linkpath");
    }

    OptionalLong size() {
        return number("size");
    }

    OptionalLong uid() {
        return number("uid");
    }

    OptionalLong gid() {
        return number("gid");
    }

    OptionalLong devMajor() {
        return number("SCHILY.devmajor");
    }

    OptionalLong devMinor() {
        return number("SCHILY.devminor");
    }

    Optional<Instant> mtime() {
        return time("mtime");
    }

    Optional<Instant> atime() {
        return time("atime");
    }

    /** @return the extended attributes, by full name, in archive order */
    Map<String, byte[]> xattrs() {
        return xattrs;
    }

    private Optional<String> text(String key) {
        byte[] v = records.get(key);
        return v == null ? Optional.empty() : Optional.of(ApplyTarHeader.utf8(v, 0, v.length, target, entry));
    }

    private OptionalLong number(String key) {
        byte[] v = records.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        String s = new String(v, StandardCharsets.ISO_8859_1);
        if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApplyFormatException(target, entry, "PAX record " + key + "=" + s + " is not a number");
        }
        return OptionalLong.of(Long.parseLong(s));
    }

    private Optional<Instant> time(String key) {
        byte[] v = records.get(key);
        if (v == null) {
            return Optional.empty();
        }
        String s = new String(v, StandardCharsets.ISO_8859_1);
        if (s.length() > 40 || !s.matches("-?[0-9]{1,19}(\\.[0-9]{0,19})?")) {
            throw new ApplyFormatException(target, entry, "PAX record " + key + "=" + s + " is not a time");
        }
        BigDecimal seconds = new BigDecimal(s);
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.FLOOR).longValue();
        try {
            return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new ApplyFormatException(target, entry, "PAX record " + key + "=" + s + " is out of range");
        }
    }
}

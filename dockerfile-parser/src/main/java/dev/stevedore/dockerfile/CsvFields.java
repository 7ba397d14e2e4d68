package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record into fields like {@code tonistiigi/go-csvvalue} (strict quotes, no
 * leading-space trimming), which BuildKit uses for {@code --mount} and {@code --device}.
 */
final class CsvFields {
    private CsvFields() {
    }

    /**
     * Splits {@code line}.
     *
     * @throws DockerfileException (unlocated) with Go's error text, prefixed by {@code what}
     */
    static List<String> split(String line, String what) {
        String s = line;
        if (s.endsWith("\r\n")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw fail(what, "EOF", line);
        }
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos >= s.length() || s.charAt(pos) != '"') {
                int comma = s.indexOf(',', pos);
                String field = comma >= 0 ? s.substring(pos, comma) : s.substring(pos);
                int bare = field.indexOf('"');
                if (bare >= 0) {
                    throw fail(what, "parse error on line 1, column " + (pos + bare + 1)
                            + ": bare \" in non-quoted-field", line);
                }
                fields.add(field);
                if (comma < 0) {
                    return fields;
                }
                pos = comma + 1;
                continue;
            }
            pos++;
            StringBuilder field = new StringBuilder();
            while (true) {
                int quote = s.indexOf('"', pos);
                if (quote < 0) {
                    throw fail(what, "parse error on line 1, column " + (pos + 1)
                            + ": extraneous or missing \" in quoted-field", line);
                }
                field.append(s, pos, quote);
                pos = quote + 1;
                if (pos < s.length() && s.charAt(pos) == '"') {
                    field.append('"');
                    pos++;
                    continue;
                }
                if (pos < s.length() && s.charAt(pos) == ',') {
                    fields.add(field.toString());
                    pos++;
                    break;
                }
                if (pos == s.length()) {
                    fields.add(field.toString());
                    return fields;
                }
                throw fail(what, "parse error on line 1, column " + pos
                        + ": extraneous or missing \" in quoted-field", line);
            }
        }
    }

    private static DockerfileException fail(String what, String detail, String line) {
        return DockerfileException.unlocated("failed to parse csv " + what + ": " + detail, line);
    }
}

package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an instruction's arguments are a JSON array of strings (the exec form),
 * accepting exactly what Go's {@code encoding/json} accepts, as BuildKit does.
 *
 * <p>Valid JSON that is not an array of strings is an error; text that is not valid JSON at
 * all (or nests deeper than Go's limit of 10000) is shell form. Iterative: no recursion.
 */
final class JsonArray {
    static final String NOT_STRING_ARRAY =
            "when using JSON array syntax, arrays must be comprised of strings only";
    private static final int MAX_DEPTH = 10_000;

    private final String s;
    private int pos;

    private JsonArray(String s) {
        this.s = s;
    }

    /**
     * Parses {@code text} as BuildKit's {@code parseJSON} does.
     *
     * @return the strings, or empty when the text is not JSON (shell form)
     * @throws DockerfileException (unlocated) if the text is JSON but not an array of strings
     */
    static Optional<List<String>> parse(String text) {
        String rest = GoText.trimLeftSpace(text);
        if (!rest.startsWith("[")) {
            return Optional.empty();
        }
        JsonArray parser = new JsonArray(rest);
        if (!parser.valid()) {
            return Optional.empty();
        }
        return Optional.of(parser.strings());
    }

    /** Scans the whole text: one JSON value, then only JSON white space. */
    private boolean valid() {
        pos = 0;
        skipWs();
        // Stack of open containers: true for an object, false for an array.
        boolean[] stack = new boolean[16];
        int depth = 0;
        boolean expectValue = true;
        while (true) {
            if (expectValue) {
                skipWs();
                if (pos >= s.length()) {
                    return false;
                }
                char c = s.charAt(pos);
                if (c == '[' || c == '{') {
                    if (depth == MAX_DEPTH) {
                        return false;
                    }
                    if (depth == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, depth * 2);
                    }
                    stack[depth++] = c == '{';
                    pos++;
                    skipWs();
                    char close = c == '{' ? '}' : ']';
                    if (pos < s.length() && s.charAt(pos) == close) {
                        pos++;
                        depth--;
                        expectValue = false;
                        if (depth == 0) {
                            break;
                        }
                        continue;
                    }
                    if (c == '{') {
                        if (!objectKey()) {
                            return false;
                        }
                    }
                    continue;
                }
                if (!scalar()) {
                    return false;
                }
                expectValue = false;
                if (depth == 0) {
                    break;
                }
            } else {
                skipWs();
                if (pos >= s.length()) {
                    return false;
                }
                char c = s.charAt(pos);
                boolean inObject = stack[depth - 1];
                if (c == ',') {
                    pos++;
                    if (inObject && !objectKey()) {
                        return false;
                    }
                    expectValue = true;
                } else if (c == (inObject ? '}' : ']')) {
                    pos++;
                    depth--;
                    if (depth == 0) {
                        break;
                    }
                } else {
                    return false;
                }
            }
        }
        skipWs();
        return pos == s.length();
    }

    /** Reads {@code "key" :} inside an object. */
    private boolean objectKey() {
        skipWs();
        if (pos >= s.length() || s.charAt(pos) != '"' || !string(null)) {
            return false;
        }
        skipWs();
        if (pos >= s.length() || s.charAt(pos) != ':') {
            return false;
        }
        pos++;
        return true;
    }

    private boolean scalar() {
        char c = s.charAt(pos);
        if (c == '"') {
            return string(null);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        return literal("true") || literal("false") || literal("null");
    }

    private boolean literal(String word) {
        if (s.startsWith(word, pos)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean number() {
        if (s.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= s.length()) {
            return false;
        }
        if (s.charAt(pos) == '0') {
            pos++;
        } else if (isDigit(s.charAt(pos))) {
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        } else {
            return false;
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                return false;
            }
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                return false;
            }
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        return true;
    }

    /** Reads a string starting at the opening quote; decodes it into {@code out} if given. */
    private boolean string(StringBuilder out) {
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c != '\\') {
                if (out != null) {
                    out.append(c);
                }
                pos++;
                continue;
            }
            if (pos + 1 >= s.length()) {
                return false;
            }
            char e = s.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case '"', '\\', '/' -> append(out, e);
                case 'b' -> append(out, '\b');
                case 'f' -> append(out, '\f');
                case 'n' -> append(out, '\n');
                case 'r' -> append(out, '\r');
                case 't' -> append(out, '\t');
                case 'u' -> {
                    int u = hex4(pos);
                    if (u < 0) {
                        return false;
                    }
                    pos += 4;
                    if (out != null) {
                        appendUnicodeEscape(out, (char) u);
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    /** Go pairs a high surrogate with a following {@code \\u} low surrogate; alone it is U+FFFD. */
    private void appendUnicodeEscape(StringBuilder out, char u) {
        if (!Character.isSurrogate(u)) {
            out.append(u);
            return;
        }
        if (Character.isHighSurrogate(u) && pos + 6 <= s.length() && s.charAt(pos) == '\\'
                && s.charAt(pos + 1) == 'u') {
            int low = hex4(pos + 2);
            if (low >= 0 && Character.isLowSurrogate((char) low)) {
                out.append(u).append((char) low);
                pos += 6;
                return;
            }
        }
        out.append('\uFFFD');
    }

    private int hex4(int at) {
        if (at + 4 > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static void append(StringBuilder out, char c) {
        if (out != null) {
            out.append(c);
        }
    }

    /** Decodes the top-level array of a text already known to be valid. */
    private List<String> strings() {
        List<String> values = new ArrayList<>();
        pos = 0;
        skipWs();
        pos++; // '['
        skipWs();
        if (s.charAt(pos) == ']') {
            return values;
        }
        while (true) {
            skipWs();
            if (s.charAt(pos) != '"') {
                throw DockerfileException.unlocated(NOT_STRING_ARRAY, "");
            }
            StringBuilder out = new StringBuilder();
            string(out);
            values.add(out.toString());
            skipWs();
            if (s.charAt(pos) == ']') {
                return values;
            }
            pos++; // ','
        }
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Encodes strings as a JSON array that Go decodes back to the same strings. */
    static String encode(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            appendString(out, values.get(i));
        }
        return out.append(']').toString();
    }

    static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029
                            || (Character.isSurrogate(c) && !validPairAt(value, i))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validPairAt(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}

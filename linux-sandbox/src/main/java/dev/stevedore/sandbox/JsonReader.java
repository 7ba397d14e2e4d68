package dev.stevedore.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict recursive-descent JSON reader for {@link Json#parse}: one document per instance,
 * errors as {@link JsonException} with the line and column of the offending character.
 */
final class JsonReader {
    /** How deeply arrays and objects may nest; deeper input is rejected, not overflowed. */
    static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;
    private int depth;

    JsonReader(String text) {
        this.text = text;
    }

    Json document() {
        skipWhitespace();
        Json value = value();
        skipWhitespace();
        if (pos < text.length()) {
            throw error("unexpected " + describe(pos) + " after the document", pos);
        }
        return value;
    }

    private Json value() {
        if (pos >= text.length()) {
            throw expected("a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> new Json.Str(string());
            case 't' -> literal("true", new Json.Bool(true));
            case 'f' -> literal("false", new Json.Bool(false));
            case 'n' -> literal("null", Json.NULL);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                throw expected("a value");
            }
        };
    }

    private Json object() {
        enter();
        pos++;
        Map<String, Json> members = new LinkedHashMap<>();
        skipWhitespace();
        if (at('}')) {
            pos++;
            depth--;
            return new Json.Obj(members);
        }
        while (true) {
            skipWhitespace();
            if (!at('"')) {
                throw expected(members.isEmpty() ? "a string key or '}'" : "a string key");
            }
            int keyAt = pos;
            String key = string();
            if (members.containsKey(key)) {
                throw error("duplicate key \"" + key + "\"", keyAt);
            }
            skipWhitespace();
            if (!at(':')) {
                throw expected("':'");
            }
            pos++;
            skipWhitespace();
            members.put(key, value());
            skipWhitespace();
            if (at(',')) {
                pos++;
            } else if (at('}')) {
                pos++;
                depth--;
                return new Json.Obj(members);
            } else {
                throw expected("',' or '}'");
            }
        }
    }

    private Json array() {
        enter();
        pos++;
        List<Json> items = new ArrayList<>();
        skipWhitespace();
        if (at(']')) {
            pos++;
            depth--;
            return new Json.Arr(items);
        }
        while (true) {
            skipWhitespace();
            items.add(value());
            skipWhitespace();
            if (at(',')) {
                pos++;
            } else if (at(']')) {
                pos++;
                depth--;
                return new Json.Arr(items);
            } else {
                throw expected("',' or ']'");
            }
        }
    }

    private String string() {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string", start);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            } else if (c == '\\') {
                escape(out, start);
            } else if (c < 0x20) {
                throw error("unescaped control character " + describe(pos) + " in a string", pos);
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private void escape(StringBuilder out, int stringStart) {
        int at = pos;
        pos++;
        if (pos >= text.length()) {
            throw error("unterminated string", stringStart);
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"', '\\', '/' -> out.append(c);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> unicode(out, at);
            default -> throw error("invalid escape \\" + (c < 0x20 ? describe(pos - 1) : String.valueOf(c)), at);
        }
    }

    private void unicode(StringBuilder out, int at) {
        char unit = hex4(at);
        if (Character.isHighSurrogate(unit)) {
            if (text.startsWith("\\u", pos)) {
                int lowAt = pos;
                pos += 2;
                char low = hex4(lowAt);
                if (Character.isLowSurrogate(low)) {
                    out.append(unit).append(low);
                    return;
                }
            }
            throw error(String.format("lone surrogate \\u%04X in a string", (int) unit), at);
        }
        if (Character.isLowSurrogate(unit)) {
            throw error(String.format("lone surrogate \\u%04X in a string", (int) unit), at);
        }
        out.append(unit);
    }

    private char hex4(int escapeAt) {
        if (pos + 4 > text.length()) {
            throw error("invalid \\u escape, expected 4 hex digits", escapeAt);
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw error("invalid \\u escape, expected 4 hex digits", escapeAt);
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Json number() {
        int start = pos;
        if (at('-')) {
            pos++;
        }
        if (at('0')) {
            pos++;
            if (pos < text.length() && isDigit(text.charAt(pos))) {
                throw error("leading zero in a number", start);
            }
        } else {
            digits();
        }
        if (at('.')) {
            pos++;
            digits();
        }
        if (at('e') || at('E')) {
            pos++;
            if (at('+') || at('-')) {
                pos++;
            }
            digits();
        }
        try {
            return new Json.Num(new BigDecimal(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            throw error("number out of range", start);
        }
    }

    private void digits() {
        if (pos >= text.length() || !isDigit(text.charAt(pos))) {
            throw expected("a digit");
        }
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private Json literal(String word, Json value) {
        if (!text.startsWith(word, pos)) {
            throw expected("a value");
        }
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels", pos);
        }
    }

    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonException expected(String what) {
        return error("expected " + what + " but found " + describe(pos), pos);
    }

    private String describe(int at) {
        if (at >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(at);
        return c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private JsonException error(String problem, int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonException(problem, line, at - lineStart + 1);
    }
}

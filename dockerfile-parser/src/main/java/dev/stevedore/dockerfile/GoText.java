package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * String helpers that behave like the Go standard library functions BuildKit's parser
 * calls ({@code unicode.IsSpace}, {@code strings.TrimSpace}, {@code strconv.Quote},
 * {@code strings.ToLower}), so that word splitting and dump output match byte for byte.
 */
final class GoText {
    private GoText() {
    }

    /** Go's {@code unicode.IsSpace}: ASCII white space, NEL, NBSP and the Unicode White_Space set. */
    static boolean isSpace(int c) {
        if (c < 0x100) {
            return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
        }
        return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** The characters of BuildKit's {@code [\t\v\f\r ]} whitespace pattern. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** Go regexp's {@code \s}: {@code [\t\n\f\r ]}. */
    static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    /** Go's {@code strings.TrimSpace}. */
    static String trimSpace(String s) {
        int start = skipSpace(s, 0, s.length());
        int end = s.length();
        while (end > start) {
            int c = s.codePointBefore(end);
            if (!isSpace(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.TrimLeftFunc(s, unicode.IsSpace)}. */
    static String trimLeftSpace(String s) {
        return s.substring(skipSpace(s, 0, s.length()));
    }

    /** The first index at or after {@code from} (before {@code to}) that is not white space. */
    static int skipSpace(CharSequence s, int from, int to) {
        int i = from;
        while (i < to) {
            int c = Character.codePointAt(s, i);
            if (!isSpace(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    /** Go's {@code reWhitespace.Split(s, 2)} for {@code [\t\v\f\r ]+}: at most two parts. */
    static List<String> splitBlankOnce(String s) {
        int i = 0;
        while (i < s.length() && !isBlank(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return List.of(s);
        }
        int j = i;
        while (j < s.length() && isBlank(s.charAt(j))) {
            j++;
        }
        return List.of(s.substring(0, i), s.substring(j));
    }

    /** Go's {@code reWhitespace.Split(s, -1)} for {@code [\t\v\f\r ]+}. */
    static List<String> splitBlank(String s) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            if (isBlank(s.charAt(i))) {
                parts.add(s.substring(start, i));
                while (i < s.length() && isBlank(s.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** Go's {@code strings.ToLower}: one code point at a time, without context rules. */
    static String toLower(String s) {
        if (isAscii(s)) {
            return s.toLowerCase(Locale.ROOT); // the same as per code point for ASCII
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
        return out.toString();
    }

    /** Go's {@code strings.ToUpper}: one code point at a time, without context rules. */
    static String toUpper(String s) {
        if (isAscii(s)) {
            return s.toUpperCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.toUpperCase(c)));
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code strconv.Quote} (also what {@code %q} prints for a string). */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        out.append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            appendQuoted(out, c);
        }
        return out.append('"').toString();
    }

    /** Go's {@code %q} of a {@code []string}: {@code ["a" "b"]}. */
    static String quoteList(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(quote(values.get(i)));
        }
        return out.append(']').toString();
    }

    private static void appendQuoted(StringBuilder out, int c) {
        if (c == '"' || c == '\\') {
            out.append('\\').append((char) c);
            return;
        }
        if (isPrint(c)) {
            out.appendCodePoint(c);
            return;
        }
        switch (c) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (c < ' ' || c == 0x7F) {
                    out.append("\\x").append(hex(c, 2));
                } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                    out.append("\\ufffd");
                } else if (c < 0x10000) {
                    out.append("\\u").append(hex(c, 4));
                } else {
                    out.append("\\U").append(hex(c, 8));
                }
            }
        }
    }

    private static String hex(int value, int digits) {
        String h = Integer.toHexString(value);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int c) {
        if (c == ' ') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /**
     * The quoting of Go's {@code time} package error messages: printable ASCII as is, every
     * other character as {@code \x} escapes of its UTF-8 bytes.
     */
    static String quoteAscii(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x80 || c < ' ') {
                for (byte b : new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append("\\x").append(hex(b & 0xFF, 2));
                }
            } else {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }
}

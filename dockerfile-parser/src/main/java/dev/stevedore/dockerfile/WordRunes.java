package dev.stevedore.dockerfile;

/**
 * Character classes as Go's {@code unicode} package defines them, so that word splitting,
 * name scanning and trimming agree with BuildKit code point for code point.
 *
 * <p>Java's {@link Character#isWhitespace(int)} differs from Go's {@code unicode.IsSpace}
 * (it excludes U+00A0 and U+202F and includes U+001C..U+001F), hence this class.
 */
final class WordRunes {
    /** Returned by scanners when the input is exhausted; Go's {@code scanner.EOF}. */
    static final int EOF = -1;

    /** A byte-order mark; Go's {@code text/scanner} drops one at the start of its input. */
    static final int BOM = 0xFEFF;

    private WordRunes() {}

    /** Go {@code unicode.IsSpace}: Latin-1 spaces, NEL, NBSP and the White_Space property. */
    static boolean isSpace(int cp) {
        switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0,
                    0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return cp >= 0x2000 && cp <= 0x200A;
        }
    }

    /** Go {@code unicode.IsLetter}: general category L. */
    static boolean isLetter(int cp) {
        return Character.isLetter(cp);
    }

    /** Go {@code unicode.IsDigit}: general category Nd. */
    static boolean isDigit(int cp) {
        return Character.isDigit(cp);
    }

    /** Go {@code strings.TrimSpace}. */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!isSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    /** The text of one code point, or U+FFFD for {@link #EOF} as Go's {@code string(rune(-1))}. */
    static String text(int cp) {
        return cp == EOF ? "\uFFFD" : new String(Character.toChars(cp));
    }

    /** Shortens text for an error message: first 60 code units, an ellipsis and the length. */
    static String excerpt(String s) {
        if (s.length() <= 80) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(59)) ? 59 : 60;
        return s.substring(0, cut) + "\u2026 (" + s.length() + " chars)";
    }
}

package dev.stevedore.dockerfile;

/**
 * One compiled ignore pattern, matched as moby/patternmatcher's {@code Pattern} does: plain
 * text compares exactly, {@code prefix/**} by prefix, {@code **}{@code /suffix} by suffix, and
 * everything else through the Go regular expression the pattern translates to:
 * {@code *} is {@code [^/]*}, {@code ?} is {@code [^/]}, {@code **} is <code>(.*&#47;)?</code> (or
 * {@code .*} at the end), {@code \x} stays {@code \x}, {@code [} and {@code ]} pass through,
 * and {@code . + ( ) | { } $} are quoted.
 */
final class PatternRule {
    enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    private final String cleaned;
    private final boolean exception;
    private final Kind kind;
    private final PatternRegex regex;

    private PatternRule(String cleaned, boolean exception, Kind kind, PatternRegex regex) {
        this.cleaned = cleaned;
        this.exception = exception;
        this.kind = kind;
        this.regex = regex;
    }

    /**
     * Compiles a pattern already cleaned and stripped of its {@code !}.
     *
     * @throws PatternRegexParser.SyntaxException if the translated expression is not valid RE2
     *     (moby reports this only when the pattern is first used; we report it up front)
     */
    static PatternRule compile(String cleaned, boolean exception) throws PatternRegexParser.SyntaxException {
        StringBuilder re = new StringBuilder("^");
        Kind kind = Kind.EXACT;
        int[] p = cleaned.codePoints().toArray();
        int k = p.length > 0 && p[0] == WordRunes.BOM ? 1 : 0; // Go's text/scanner skips it
        for (int step = 0; k < p.length; step++) {
            int ch = p[k++];
            int peek = k < p.length ? p[k] : WordRunes.EOF;
            if (ch == '*' && peek == '*') {
                k++;
                if (k < p.length && p[k] == '/') {
                    k++;
                }
                if (k == p.length) {
                    if (kind == Kind.EXACT) {
                        kind = Kind.PREFIX;
                    } else {
                        re.append(".*");
                        kind = Kind.REGEX;
                    }
                } else {
                    re.append("(.*/)?");
                    kind = Kind.REGEX;
                }
                if (step == 0) {
                    kind = Kind.SUFFIX;
                }
            } else if (ch == '*') {
                re.append("[^/]*");
                kind = Kind.REGEX;
            } else if (ch == '?') {
                re.append("[^/]");
                kind = Kind.REGEX;
            } else if (".+()|{}$".indexOf(ch) >= 0) {
                re.append('\\').appendCodePoint(ch);
            } else if (ch == '\\') {
                re.append('\\');
                if (peek != WordRunes.EOF) {
                    re.appendCodePoint(p[k++]);
                    kind = Kind.REGEX;
                }
            } else if (ch == '[' || ch == ']') {
                re.appendCodePoint(ch);
                kind = Kind.REGEX;
            } else {
                re.appendCodePoint(ch);
            }
        }
        PatternRegex compiled = null;
        if (kind == Kind.REGEX) {
            compiled = PatternRegex.compile(re.append('$').toString());
        }
        return new PatternRule(cleaned, exception, kind, compiled);
    }

    boolean matches(String path) {
        switch (kind) {
            case EXACT:
                return path.equals(cleaned);
            case PREFIX:
                return path.startsWith(cleaned.substring(0, cleaned.length() - 2));
            case SUFFIX:
                String suffix = cleaned.substring(2);
                return path.endsWith(suffix) || (suffix.charAt(0) == '/' && path.equals(suffix.substring(1)));
            default:
                return regex.find(path);
        }
    }

    boolean isException() {
        return exception;
    }

    /** The cleaned pattern without {@code !}. */
    String text() {
        return cleaned;
    }

    Kind kind() {
        return kind;
    }

    /** The translated expression, for tests; null unless {@link Kind#REGEX}. */
    String regex() {
        return regex == null ? null : regex.toString();
    }
}

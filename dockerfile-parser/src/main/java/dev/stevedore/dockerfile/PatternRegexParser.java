package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Parses Go RE2 syntax (Perl flags, as {@code regexp.Compile} uses) into a tree. Covers all
 * of RE2 except {@code (?flags)}, named groups and counted repetition {@code {n,m}}, none of
 * which the pattern translation can produce; {@code {} is taken literally.
 *
 * <p>Errors mirror RE2's: invalid escapes ({@code \y}, {@code \8}, {@code \C}), out-of-order
 * ranges, unknown {@code [:name:]} or {@code \p{Name}}, missing brackets, and stacked or
 * argument-less repetition.
 */
final class PatternRegexParser {
    /** A regex tree node. */
    sealed interface Node permits Chars, Assert, Concat, Alternate, Repeat {}

    /** One character out of a set. */
    record Chars(IntPredicate set) implements Node {}

    /** A zero-width assertion, one of {@link PatternRegex}'s {@code BEGIN_TEXT...} constants. */
    record Assert(int kind) implements Node {}

    /** A sequence. */
    record Concat(List<Node> items) implements Node {}

    /** A choice. */
    record Alternate(List<Node> choices) implements Node {}

    /** {@code *} (0, -1), {@code +} (1, -1) or {@code ?} (0, 1). */
    record Repeat(Node sub, int min, int max) implements Node {}

    /** Reported with RE2's wording where it has one. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final int MAX_GROUP_DEPTH = 1000;
    private static final IntPredicate NOT_NEWLINE = cp -> cp != '\n';

    private final int[] s;
    private int i;

    private PatternRegexParser(String regex) {
        this.s = regex.codePoints().toArray();
    }

    static Node parse(String regex) throws SyntaxException {
        PatternRegexParser p = new PatternRegexParser(regex);
        Node node = p.alternation(0);
        if (p.i < p.s.length) {
            throw new SyntaxException("unexpected ): " + regex);
        }
        return node;
    }

    private Node alternation(int depth) throws SyntaxException {
        List<Node> choices = new ArrayList<>();
        choices.add(concat(depth));
        while (i < s.length && s[i] == '|') {
            i++;
            choices.add(concat(depth));
        }
        return choices.size() == 1 ? choices.get(0) : new Alternate(choices);
    }

    private Node concat(int depth) throws SyntaxException {
        List<Node> items = new ArrayList<>();
        boolean lastWasRepeat = false;
        while (i < s.length && s[i] != '|' && s[i] != ')') {
            int c = s[i];
            if (c == '*' || c == '+' || c == '?') {
                if (lastWasRepeat) {
                    throw new SyntaxException("invalid nested repetition operator");
                }
                if (items.isEmpty()) {
                    throw new SyntaxException("missing argument to repetition operator");
                }
                i++;
                if (i < s.length && s[i] == '?') {
                    i++; // non-greedy: the same set of matches
                }
                Node sub = items.remove(items.size() - 1);
                items.add(new Repeat(sub, c == '+' ? 1 : 0, c == '?' ? 1 : -1));
                lastWasRepeat = true;
                continue;
            }
            lastWasRepeat = false;
            switch (c) {
                case '(':
                    if (i + 1 < s.length && s[i + 1] == '?') {
                        throw new SyntaxException("unsupported group syntax (?");
                    }
                    if (depth >= MAX_GROUP_DEPTH) {
                        throw new SyntaxException("expression nests too deeply");
                    }
                    i++;
                    Node group = alternation(depth + 1);
                    if (i >= s.length || s[i] != ')') {
                        throw new SyntaxException("missing closing )");
                    }
                    i++;
                    items.add(group);
                    break;
                case '[':
                    items.add(new Chars(charClass()));
                    break;
                case '.':
                    i++;
                    items.add(new Chars(NOT_NEWLINE));
                    break;
                case '^':
                    i++;
                    items.add(new Assert(PatternRegex.BEGIN_TEXT));
                    break;
                case '$':
                    i++;
                    items.add(new Assert(PatternRegex.END_TEXT));
                    break;
                case '\\':
                    backslash(items);
                    break;
                default:
                    i++;
                    items.add(literal(c));
                    break;
            }
        }
        return items.size() == 1 ? items.get(0) : new Concat(items);
    }

    private void backslash(List<Node> items) throws SyntaxException {
        if (i + 1 < s.length) {
            int kind = -1;
            switch (s[i + 1]) {
                case 'A':
                    kind = PatternRegex.BEGIN_TEXT;
                    break;
                case 'z':
                    kind = PatternRegex.END_TEXT;
                    break;
                case 'b':
                    kind = PatternRegex.WORD_BOUNDARY;
                    break;
                case 'B':
                    kind = PatternRegex.NOT_WORD_BOUNDARY;
                    break;
                case 'C':
                    throw new SyntaxException("invalid escape sequence: \\C");
                case 'Q':
                    i += 2;
                    while (i < s.length && !(s[i] == '\\' && i + 1 < s.length && s[i + 1] == 'E')) {
                        items.add(literal(s[i++]));
                    }
                    i = Math.min(i + 2, s.length);
                    return;
                default:
                    break;
            }
            if (kind >= 0) {
                i += 2;
                items.add(new Assert(kind));
                return;
            }
            if (s[i + 1] == 'p' || s[i + 1] == 'P') {
                items.add(new Chars(unicodeClass()));
                return;
            }
            IntPredicate perl = PatternCharClasses.perl(s[i + 1]);
            if (perl != null) {
                i += 2;
                items.add(new Chars(perl));
                return;
            }
        }
        items.add(literal(escape()));
    }

    private static Node literal(int cp) {
        return new Chars(c -> c == cp);
    }

    /** RE2's {@code parseEscape}: the character a backslash sequence stands for. */
    private int escape() throws SyntaxException {
        int start = i;
        if (i + 1 >= s.length) {
            throw new SyntaxException("trailing backslash at end of expression");
        }
        int c = s[i + 1];
        i += 2;
        if (c < 0x80 && !isAlnum(c)) {
            return c;
        }
        if (c >= '1' && c <= '7' && (i >= s.length || s[i] < '0' || s[i] > '7')) {
            throw invalidEscape(start); // a backreference
        }
        if (c >= '0' && c <= '7') {
            int r = c - '0';
            for (int k = 1; k < 3 && i < s.length && s[i] >= '0' && s[i] <= '7'; k++) {
                r = r * 8 + s[i++] - '0';
            }
            return r;
        }
        switch (c) {
            case 'x':
                return hexEscape(start);
            case 'a':
                return 7;
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return 0x0B;
            default:
                throw invalidEscape(start);
        }
    }

    private int hexEscape(int start) throws SyntaxException {
        if (i >= s.length) {
            throw invalidEscape(start);
        }
        int c = s[i++];
        if (c == '{') {
            int r = 0;
            int digits = 0;
            while (true) {
                if (i >= s.length) {
                    throw invalidEscape(start);
                }
                c = s[i++];
                if (c == '}') {
                    break;
                }
                int v = Character.digit(c, 16);
                if (v < 0 || c > 'f') {
                    throw invalidEscape(start);
                }
                r = r * 16 + v;
                if (r > Character.MAX_CODE_POINT) {
                    throw invalidEscape(start);
                }
                digits++;
            }
            if (digits == 0) {
                throw invalidEscape(start);
            }
            return r;
        }
        int x = c <= 'f' ? Character.digit(c, 16) : -1;
        int y = i < s.length && s[i] <= 'f' ? Character.digit(s[i], 16) : -1;
        i++;
        if (x < 0 || y < 0) {
            throw invalidEscape(start);
        }
        return x * 16 + y;
    }

    private SyntaxException invalidEscape(int start) {
        return new SyntaxException("invalid escape sequence: " + text(start, Math.min(i, s.length)));
    }

    /** {@code \pL}, {@code \p{Greek}}, {@code \P{^Lu}}; at a backslash followed by p or P. */
    private IntPredicate unicodeClass() throws SyntaxException {
        int start = i;
        boolean negated = s[i + 1] == 'P';
        String name;
        if (i + 2 >= s.length) {
            throw new SyntaxException("invalid character class range: " + text(start, s.length));
        }
        if (s[i + 2] != '{') {
            name = text(i + 2, i + 3);
            i += 3;
        } else {
            int end = i;
            while (end < s.length && s[end] != '}') {
                end++;
            }
            if (end >= s.length) {
                throw new SyntaxException("invalid character class range: " + text(start, s.length));
            }
            name = text(i + 3, end);
            i = end + 1;
        }
        if (name.startsWith("^")) {
            negated = !negated;
            name = name.substring(1);
        }
        IntPredicate set = PatternCharClasses.unicode(name);
        if (set == null) {
            throw new SyntaxException("invalid character class range: " + text(start, i));
        }
        return negated ? set.negate() : set;
    }

    /** A bracket expression, at its {@code [}. */
    private IntPredicate charClass() throws SyntaxException {
        int start = i;
        i++;
        boolean negated = false;
        if (i < s.length && s[i] == '^') {
            negated = true;
            i++;
        }
        List<IntPredicate> parts = new ArrayList<>();
        List<Integer> bounds = new ArrayList<>();
        boolean first = true;
        while (i >= s.length || s[i] != ']' || first) {
            first = false;
            if (s.length - i > 2 && s[i] == '[' && s[i + 1] == ':') {
                int close = indexOf(':', ']', i + 2);
                if (close >= 0) {
                    String name = text(i, close + 2);
                    IntPredicate posix = PatternCharClasses.posix(name);
                    if (posix == null) {
                        throw new SyntaxException("invalid character class range: " + name);
                    }
                    parts.add(posix);
                    i = close + 2;
                    continue;
                }
            }
            if (s.length - i >= 2 && s[i] == '\\' && (s[i + 1] == 'p' || s[i + 1] == 'P')) {
                parts.add(unicodeClass());
                continue;
            }
            if (s.length - i >= 2 && s[i] == '\\' && PatternCharClasses.perl(s[i + 1]) != null) {
                parts.add(PatternCharClasses.perl(s[i + 1]));
                i += 2;
                continue;
            }
            int rangeStart = i;
            int lo = classChar(start);
            int hi = lo;
            if (s.length - i >= 2 && s[i] == '-' && s[i + 1] != ']') {
                i++;
                hi = classChar(start);
                if (hi < lo) {
                    throw new SyntaxException("invalid character class range: " + text(rangeStart, i));
                }
            }
            bounds.add(lo);
            bounds.add(hi);
        }
        i++; // ]
        int[] loHi = bounds.stream().mapToInt(Integer::intValue).toArray();
        parts.add(PatternCharClasses.ranges(loHi));
        IntPredicate union = parts.size() == 1 ? parts.get(0) : cp -> {
            for (IntPredicate part : parts) {
                if (part.test(cp)) {
                    return true;
                }
            }
            return false;
        };
        return negated ? union.negate() : union;
    }

    private int classChar(int classStart) throws SyntaxException {
        if (i >= s.length) {
            throw new SyntaxException("missing closing ]: " + text(classStart, s.length));
        }
        if (s[i] == '\\') {
            return escape();
        }
        return s[i++];
    }

    private int indexOf(int a, int b, int from) {
        for (int k = from; k + 1 < s.length; k++) {
            if (s[k] == a && s[k + 1] == b) {
                return k;
            }
        }
        return -1;
    }

    private String text(int from, int to) {
        return new String(s, from, to - from);
    }

    private static boolean isAlnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}

package dev.stevedore.dockerfile;

/**
 * The pattern operators of {@code ${...}}: prefix and suffix removal and replacement, on
 * code points, as BuildKit's {@code shell/lex.go} computes them with Go regexps.
 */
final class ShellOperators {
    private ShellOperators() {}

    /**
     * {@code ${V#p}} ({@code op} '#') or {@code ${V%p}} ({@code op} '%'); a doubled operator
     * at the start of {@code pattern} asks for the longest match. Suffixes are removed by
     * matching the reversed pattern against the reversed value.
     */
    static String trim(int op, String pattern, String value) throws ShellPattern.SyntaxException {
        boolean greedy = !pattern.isEmpty() && pattern.charAt(0) == op;
        if (greedy) {
            pattern = pattern.substring(1);
        }
        boolean suffix = op == '%';
        ShellPattern compiled = ShellPattern.compile(suffix ? ShellPattern.reverse(pattern) : pattern);
        int[] text = value.codePoints().toArray();
        if (suffix) {
            reverse(text);
        }
        int end = compiled.matchPrefix(text, greedy);
        if (end < 0) {
            return value;
        }
        if (suffix) {
            reverse(text);
            return new String(text, 0, text.length - end);
        }
        return new String(text, end, text.length - end);
    }

    /** {@code ${V/p/r}} ({@code all} false) or {@code ${V//p/r}}. */
    static String replace(String pattern, String replacement, String value, boolean all)
            throws ShellPattern.SyntaxException {
        ShellPattern compiled = ShellPattern.compile(pattern);
        return all ? replaceAll(compiled, value, replacement) : replaceFirst(compiled, value, replacement);
    }

    /** {@code ${VAR/pattern/replacement}}: the first match replaced by the literal replacement. */
    static String replaceFirst(ShellPattern pattern, String value, String replacement) {
        int[] text = value.codePoints().toArray();
        int[] match = pattern.find(text, 0);
        if (match == null) {
            return value;
        }
        return new String(text, 0, match[0]) + replacement + new String(text, match[1], text.length - match[1]);
    }

    /**
     * {@code ${VAR//pattern/replacement}}: every match replaced, as Go's
     * {@code Regexp.ReplaceAllString}. An empty match right after a match is not replaced, and
     * the replacement is a template: {@code $0} or {@code ${0}} is the matched text, {@code $$}
     * a dollar, any other {@code $name} empty (the pattern has no groups).
     */
    static String replaceAll(ShellPattern pattern, String value, String replacement) {
        int[] text = value.codePoints().toArray();
        StringBuilder out = new StringBuilder(value.length());
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= text.length) {
            int[] match = pattern.find(text, searchPos);
            if (match == null) {
                break;
            }
            out.append(new String(text, lastMatchEnd, match[0] - lastMatchEnd));
            if (match[1] > lastMatchEnd || match[0] == 0) {
                expandTemplate(out, replacement, text, match);
            }
            lastMatchEnd = match[1];
            int width = searchPos < text.length ? 1 : 0;
            if (searchPos + width > match[1]) {
                searchPos += width;
            } else if (searchPos + 1 > match[1]) {
                searchPos++;
            } else {
                searchPos = match[1];
            }
        }
        out.append(new String(text, lastMatchEnd, text.length - lastMatchEnd));
        return out.toString();
    }

    /** Go's {@code Regexp.Expand} for a regexp whose only group is the whole match. */
    private static void expandTemplate(StringBuilder out, String template, int[] text, int[] match) {
        int i = 0;
        int n = template.length();
        while (i < n) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < n && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < n && template.charAt(i) == '{';
            int nameStart = brace ? i + 1 : i;
            int nameEnd = nameStart;
            while (nameEnd < n) {
                int cp = template.codePointAt(nameEnd);
                if (!WordRunes.isLetter(cp) && !WordRunes.isDigit(cp) && cp != '_') {
                    break;
                }
                nameEnd += Character.charCount(cp);
            }
            if (nameEnd == nameStart || (brace && (nameEnd >= n || template.charAt(nameEnd) != '}'))) {
                out.append('$'); // malformed reference: the dollar is literal text
                continue;
            }
            if (template.substring(nameStart, nameEnd).equals("0")) {
                out.append(new String(text, match[0], match[1] - match[0]));
            }
            i = brace ? nameEnd + 1 : nameEnd;
        }
        out.append(template, i, n);
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

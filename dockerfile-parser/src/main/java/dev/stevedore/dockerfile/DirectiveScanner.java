package dev.stevedore.dockerfile;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises parser directives the way BuildKit's {@code DirectiveParser} does: a line
 * {@code #name=value} with a known name, until the first line that is not one.
 */
final class DirectiveScanner {
    private final Set<String> seen = new HashSet<>();
    private boolean done;

    /**
     * Looks at one physical line (ending removed, leading white space removed).
     *
     * @return the directive on this line, or empty if it is none (and scanning stops)
     * @throws DockerfileException (unlocated) if the directive repeats one already seen
     */
    Optional<Directive> next(String line, int lineNumber) {
        if (done) {
            return Optional.empty();
        }
        Optional<String[]> parsed = parse(line);
        if (parsed.isEmpty()) {
            done = true;
            return Optional.empty();
        }
        String key = parsed.get()[0];
        if (!seen.add(key)) {
            throw DockerfileException.unlocated("only one " + key + " parser directive can be used", "");
        }
        return Optional.of(new Directive(key, parsed.get()[1], lineNumber));
    }

    /**
     * Parses {@code #name = value} into the lower-case name and the value, or empty if the
     * line is not a directive of a known name. Mirrors the pattern
     * {@code ^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$} after the {@code #}.
     */
    static Optional<String[]> parse(String line) {
        if (!line.startsWith("#")) {
            return Optional.empty();
        }
        String s = line.substring(GoText.skipSpace(line, 1, line.length()));
        int i = 0;
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
            return Optional.empty();
        }
        while (i < s.length() && (isAsciiLetter(s.charAt(i)) || (s.charAt(i) >= '0' && s.charAt(i) <= '9'))) {
            i++;
        }
        String name = s.substring(0, i);
        while (i < s.length() && GoText.isRegexSpace(s.charAt(i))) {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '=') {
            return Optional.empty();
        }
        String rest = s.substring(i + 1);
        if (rest.isEmpty() || rest.indexOf('\n') >= 0) {
            return Optional.empty();
        }
        int start = 0;
        while (start < rest.length() && GoText.isRegexSpace(rest.charAt(start))) {
            start++;
        }
        String value;
        if (start == rest.length()) {
            // Only white space: the lazy group still takes one character, the last one.
            value = rest.substring(rest.length() - 1);
        } else {
            int end = rest.length();
            while (end > start && GoText.isRegexSpace(rest.charAt(end - 1))) {
                end--;
            }
            value = rest.substring(start, end);
        }
        String key = name.toLowerCase(java.util.Locale.ROOT);
        if (!key.equals(Directive.SYNTAX) && !key.equals(Directive.ESCAPE) && !key.equals(Directive.CHECK)) {
            return Optional.empty();
        }
        return Optional.of(new String[] {key, value});
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}

package dev.stevedore.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code --filter key=value} flags as docker/cli reads them: the same key given twice matches
 * either value (OR), different keys must all match (AND).
 *
 * <pre>{@code
 * ListFilters f = ListFilters.parse(List.of("status=exited", "status=created", "label=app"), Set.of("status", "label"));
 * f.matches("status", s -> s.equals("exited")); // true for an exited container
 * }</pre>
 */
record ListFilters(Map<String, List<String>> byKey) {
    ListFilters {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byKey.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byKey = Map.copyOf(copy);
    }

    /**
     * Parses the flags.
     *
     * @throws CliException 125 for a flag without {@code =}, 1 for a key outside {@code keys} (as Docker)
     */
    static ListFilters parse(List<String> specs, Set<String> keys) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new CliException(CliCommand.USAGE, "bad format of filter (expected name=value)");
            }
            String key = spec.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            if (!keys.contains(key)) {
                throw new CliException(1, "invalid filter '" + key + "'");
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(spec.substring(eq + 1));
        }
        return new ListFilters(byKey);
    }

    boolean has(String key) {
        return byKey.containsKey(key);
    }

    List<String> values(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    /** True when the key was not given, or one of its values passes the test. */
    boolean matches(String key, Predicate<String> test) {
        List<String> values = byKey.get(key);
        return values == null || values.stream().anyMatch(test);
    }

    /** {@code label=key} (the label is set) or {@code label=key=value} (set to that value). */
    static boolean label(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        return eq < 0 ? labels.containsKey(filter) : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    /** Go's regexp search (unanchored), as the daemon matches {@code name=} and {@code id=}; a bad pattern matches literally. */
    static boolean search(String pattern, String text) {
        try {
            return Pattern.compile(pattern).matcher(text).find();
        } catch (java.util.regex.PatternSyntaxException e) {
            return text.contains(pattern);
        }
    }

    /** Go's {@code path.Match}: {@code *} and {@code ?} never cross a {@code /}; {@code [...]} classes. */
    static boolean glob(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int close = pattern.indexOf(']', i + 1);
                if (close < 0) {
                    return false; // Go: ErrBadPattern, nothing matches
                }
                String body = pattern.substring(i + 1, close).replace("&&", "\\&\\&").replace("[", "\\[");
                regex.append('[').append(body).append(']'); // [^...] and a-z read the same in Go and Java
                i = close;
            } else if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.matches(regex.toString(), text);
        } catch (java.util.regex.PatternSyntaxException e) {
            return false; // Go: ErrBadPattern, nothing matches
        }
    }
}

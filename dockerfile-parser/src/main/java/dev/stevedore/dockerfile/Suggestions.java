package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * BuildKit's "did you mean" hints ({@code util/suggest}): the closest option within an edit
 * distance below 3. Options are searched in the order given, so ties resolve the same way
 * every time (BuildKit iterates a Go map and may pick either).
 */
final class Suggestions {
    private Suggestions() {
    }

    /** Appends {@code " (did you mean X?)"} to {@code message} when some option is close to {@code value}. */
    static String wrap(String message, String value, List<String> options, boolean caseSensitive) {
        return search(value, options, caseSensitive).map(m -> message + " (did you mean " + m + "?)").orElse(message);
    }

    static Optional<String> search(String value, List<String> options, boolean caseSensitive) {
        String val = caseSensitive ? value : GoText.toLower(value);
        String match = null;
        int best = 3;
        for (String option : options) {
            String opt = caseSensitive ? option : GoText.toLower(option);
            if (val.equals(opt)) {
                return Optional.empty();
            }
            int distance = distance(val, opt);
            if (distance < best) {
                match = caseSensitive ? opt : matchCase(opt, value);
                best = distance;
            }
        }
        return Optional.ofNullable(match);
    }

    private static String matchCase(String option, String original) {
        if (original.equals(GoText.toLower(original))) {
            return GoText.toLower(option);
        }
        if (original.equals(GoText.toUpper(original))) {
            return GoText.toUpper(option);
        }
        return option;
    }

    /** Levenshtein distance over code points, unit costs. Bounded input: option names are short. */
    static int distance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        if (x.length > 256) {
            return Integer.MAX_VALUE; // far from every option; avoids quadratic work on huge words
        }
        int[] previous = new int[y.length + 1];
        int[] row = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            row[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int substitute = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(previous[j] + 1, row[j - 1] + 1));
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[y.length];
    }
}

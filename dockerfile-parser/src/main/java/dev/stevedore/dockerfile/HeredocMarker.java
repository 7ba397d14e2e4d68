package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds heredoc markers ({@code <<EOF}, {@code 3<<-'EOF'}) in an instruction line, as
 * BuildKit's {@code heredocsFromLine} and {@code ParseHeredoc} do.
 */
final class HeredocMarker {
    private HeredocMarker() {
    }

    /** A marker found on a line: the word as written and the heredoc it opens (empty content). */
    record Found(String word, Heredoc heredoc) {
    }

    /** The markers of a line, in order. */
    static List<Found> fromLine(String line) {
        List<String> words;
        try {
            words = HeredocWords.words(line, true, true);
        } catch (HeredocWords.LexError e) {
            // BuildKit ignores lexing errors of the whole line: no heredocs.
            return List.of();
        }
        List<Found> docs = new ArrayList<>();
        for (String word : words) {
            parse(word).ifPresent(doc -> docs.add(new Found(word, doc)));
        }
        return docs;
    }

    /**
     * Parses one word as {@code ^(\d*)<<(-?)\s*([^<]*)$} followed by a single delimiter word.
     *
     * @return the heredoc (empty content), or empty if the word is not a marker
     * @throws DockerfileException (unlocated) if the delimiter does not lex, e.g. an open quote
     */
    static Optional<Heredoc> parse(String word) {
        int i = 0;
        while (i < word.length() && word.charAt(i) >= '0' && word.charAt(i) <= '9') {
            i++;
        }
        String digits = word.substring(0, i);
        if (!word.startsWith("<<", i)) {
            return Optional.empty();
        }
        i += 2;
        boolean chomp = false;
        if (i < word.length() && word.charAt(i) == '-') {
            chomp = true;
            i++;
        }
        while (i < word.length() && GoText.isRegexSpace(word.charAt(i))) {
            i++;
        }
        String rest = word.substring(i);
        if (rest.indexOf('<') >= 0 || rest.isEmpty()) {
            return Optional.empty();
        }
        List<String> cooked;
        List<String> raw;
        try {
            cooked = HeredocWords.words(rest, false, false);
            if (cooked.size() != 1) {
                return Optional.empty();
            }
            raw = HeredocWords.words(rest, true, false);
        } catch (HeredocWords.LexError e) {
            throw DockerfileException.unlocated(
                    "failed to process " + GoText.quote(rest) + ": " + e.getMessage(), word);
        }
        if (raw.size() != cooked.size()) {
            throw DockerfileException.unlocated(
                    "internal lexing of heredoc produced inconsistent results: " + rest, word);
        }
        String name = cooked.get(0);
        boolean expand = quotes(name) == quotes(raw.get(0));
        return Optional.of(new Heredoc(name, fileDescriptor(digits), expand, chomp, ""));
    }

    /** Like {@code MustParseHeredoc}: errors count as "not a heredoc". */
    static Optional<Heredoc> parseQuietly(String word) {
        try {
            return parse(word);
        } catch (DockerfileException e) {
            return Optional.empty();
        }
    }

    private static long fileDescriptor(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            return 0; // Go's ParseUint error is ignored: out of range reads as 0.
        }
    }

    private static int quotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\'' || s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }
}

package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-instruction argument parsers of BuildKit's {@code line_parsers.go}: they turn the
 * text after the keyword and flags into the argument list {@code Dump()} prints. They keep
 * quotes and escapes; meaning is given later by {@link InstructionParser}.
 */
final class LineParsers {
    private LineParsers() {
    }

    /** Arguments and whether they were JSON. */
    record Args(List<String> values, boolean json) {
        static final Args NONE = new Args(List.of(), false);
    }

    /** Dispatches on the lower-case keyword; unknown keywords give BuildKit's one empty argument. */
    static Args parse(String keyword, String rest, char escape) {
        return switch (keyword) {
            case "add", "copy", "volume" -> maybeJsonToList(rest);
            case "arg" -> new Args(words(rest, escape), false);
            case "cmd", "entrypoint", "run", "shell" -> maybeJson(rest);
            case "env" -> nameValue(rest, "ENV", escape);
            case "label" -> nameValue(rest, "LABEL", escape);
            case "expose", "from" -> whitespaceDelimited(rest);
            case "healthcheck" -> healthConfig(rest);
            case "maintainer", "stopsignal", "user", "workdir" -> rest.isEmpty() ? Args.NONE
                    : new Args(List.of(rest), false);
            default -> new Args(List.of(""), false);
        };
    }

    static Args maybeJson(String rest) {
        if (rest.isEmpty()) {
            return Args.NONE;
        }
        Optional<List<String>> json = JsonArray.parse(rest);
        return json.map(values -> new Args(values, true)).orElseGet(() -> new Args(List.of(rest), false));
    }

    static Args maybeJsonToList(String rest) {
        Optional<List<String>> json = JsonArray.parse(rest);
        if (json.isPresent()) {
            return new Args(json.get(), true);
        }
        return whitespaceDelimited(rest);
    }

    static Args whitespaceDelimited(String rest) {
        if (rest.isEmpty()) {
            return Args.NONE;
        }
        return new Args(GoText.splitBlank(rest), false);
    }

    /** ENV and LABEL: the legacy {@code KEY value} form or {@code k=v} words, as triples. */
    static Args nameValue(String rest, String instruction, char escape) {
        List<String> words = words(rest, escape);
        if (words.isEmpty()) {
            return Args.NONE;
        }
        List<String> out = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            List<String> parts = GoText.splitBlankOnce(rest);
            if (parts.size() < 2) {
                throw DockerfileException.unlocated(instruction + " must have two arguments", "");
            }
            out.add(parts.get(0));
            out.add(parts.get(1));
            out.add("");
            return new Args(out, false);
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw DockerfileException.unlocated("Syntax error - can't find = in " + GoText.quote(word)
                        + ". Must be of the form: name=value", word);
            }
            out.add(word.substring(0, eq));
            out.add(word.substring(eq + 1));
            out.add("=");
        }
        return new Args(out, false);
    }

    /** HEALTHCHECK: the type word, then the rest as for CMD. */
    static Args healthConfig(String rest) {
        int sep = 0;
        while (sep < rest.length()) {
            int c = rest.codePointAt(sep);
            if (GoText.isSpace(c)) {
                break;
            }
            sep += Character.charCount(c);
        }
        if (sep == 0) {
            return Args.NONE;
        }
        int next = GoText.skipSpace(rest, sep, rest.length());
        Args command = maybeJson(rest.substring(next));
        List<String> values = new ArrayList<>();
        values.add(rest.substring(0, sep));
        values.addAll(command.values());
        return new Args(values, command.json());
    }

    private enum Phase { SPACES, WORD, QUOTE }

    /**
     * BuildKit's {@code parseWords}: splits on white space outside quotes, keeping quotes and
     * escape characters in the words.
     */
    static List<String> words(String rest, char escape) {
        List<String> words = new ArrayList<>();
        Phase phase = Phase.SPACES;
        int quote = 0;
        boolean blankOk = false;
        StringBuilder word = new StringBuilder();
        int pos = 0;
        int n = rest.length();
        while (true) {
            int c = pos < n ? rest.codePointAt(pos) : -1;
            int width = c < 0 ? 0 : Character.charCount(c);
            if (phase == Phase.SPACES) {
                if (pos == n) {
                    break;
                }
                if (GoText.isSpace(c)) {
                    pos += width;
                    continue;
                }
                phase = Phase.WORD;
            }
            if (pos == n) {
                if (blankOk || word.length() > 0) {
                    words.add(word.toString());
                }
                break;
            }
            if (phase == Phase.WORD) {
                if (GoText.isSpace(c)) {
                    phase = Phase.SPACES;
                    if (blankOk || word.length() > 0) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    pos += width;
                    continue;
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                    blankOk = true;
                    phase = Phase.QUOTE;
                }
                if (c == escape) {
                    if (pos + width == n) {
                        pos += width;
                        continue;
                    }
                    word.appendCodePoint(c);
                    pos += width;
                    c = rest.codePointAt(pos);
                    width = Character.charCount(c);
                }
                word.appendCodePoint(c);
                pos += width;
                continue;
            }
            // Phase.QUOTE
            if (c == quote) {
                phase = Phase.WORD;
            }
            if (c == escape && quote != '\'') {
                if (pos + width == n) {
                    phase = Phase.WORD;
                    pos += width;
                    continue;
                }
                pos += width;
                word.appendCodePoint(c);
                c = rest.codePointAt(pos);
                width = Character.charCount(c);
            }
            word.appendCodePoint(c);
            pos += width;
        }
        return words;
    }
}

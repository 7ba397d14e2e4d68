package dev.stevedore.dockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code .dockerignore} file, read as BuildKit reads it (moby/patternmatcher
 * {@code ignorefile.ReadAll}) and compiled into a {@link PatternMatcher}.
 *
 * <p>Reading rules, line by line: a UTF-8 byte-order mark at the start is dropped; a line
 * whose first character is {@code #} is a comment (an indented {@code #} is a pattern);
 * surrounding whitespace is trimmed and blank lines skipped; after an optional {@code !} the
 * pattern is trimmed again and cleaned like a path, and one leading {@code /} is removed, so
 * {@code /a}, {@code ./a} and {@code a/} all mean {@code a}. A line of 64 KiB or more is an
 * error, as for Go's line scanner.
 *
 * <pre>{@code
 * IgnoreFile ignore = IgnoreFile.parse("# build output\n/target\n*.log\n!keep.log\n");
 * ignore.patterns();                    // [target, *.log, !keep.log]
 * ignore.matcher().matches("a.log");    // true
 * }</pre>
 *
 * @param path the file the patterns came from, if any
 * @param patterns the patterns as read, in order
 * @param matcher the compiled patterns
 */
public record IgnoreFile(Optional<Path> path, List<String> patterns, PatternMatcher matcher) {
    private static final int MAX_LINE_BYTES = 64 * 1024;

    /**
     * Checks and copies the components.
     *
     * @param path the file the patterns came from, if any
     * @param patterns the patterns as read
     * @param matcher the compiled patterns
     */
    public IgnoreFile {
        Objects.requireNonNull(path, "path");
        patterns = List.copyOf(patterns);
        Objects.requireNonNull(matcher, "matcher");
    }

    /**
     * No ignore file: nothing is excluded.
     *
     * @return an empty ignore file without a path
     */
    public static IgnoreFile none() {
        return new IgnoreFile(Optional.empty(), List.of(), PatternMatcher.none());
    }

    /**
     * Parses ignore file content that did not come from a file; errors name the line.
     *
     * @param content the file's text
     * @return the patterns and their matcher
     * @throws IgnorePatternException for an invalid pattern or an over-long line
     */
    public static IgnoreFile parse(String content) {
        return parse(content, Optional.empty());
    }

    /**
     * Reads an ignore file as UTF-8 (invalid bytes become U+FFFD).
     *
     * @param file the file, for instance {@code context.resolve(".dockerignore")}
     * @return the patterns and their matcher, with {@link #path()} set
     * @throws IOException if the file cannot be read
     * @throws IgnorePatternException for an invalid pattern or an over-long line, naming the file and line
     */
    public static IgnoreFile read(Path file) throws IOException {
        String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return parse(content, Optional.of(file));
    }

    static IgnoreFile parse(String content, Optional<Path> path) {
        String fileName = path.map(Path::toString).orElse("");
        List<String> patterns = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<String> lineTexts = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start < content.length()) {
            int newline = content.indexOf('\n', start);
            int end = newline < 0 ? content.length() : newline;
            String line = content.substring(start, end);
            start = end + 1;
            lineNo++;
            if (utf8Length(line) >= MAX_LINE_BYTES) {
                throw new IgnorePatternException(fileName, lineNo, "",
                        "line is " + utf8Length(line) + " bytes long, the limit is " + (MAX_LINE_BYTES - 1));
            }
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String pattern = readPattern(line);
            if (pattern != null) {
                patterns.add(pattern);
                lineNumbers.add(lineNo);
                lineTexts.add(line);
            }
        }
        PatternMatcher matcher = PatternMatcher.compile(patterns, (index, reason) -> new IgnorePatternException(
                fileName, lineNumbers.get(index), WordRunes.excerpt(lineTexts.get(index)),
                "invalid pattern \"" + WordRunes.excerpt(patterns.get(index)) + "\": " + reason));
        return new IgnoreFile(path, patterns, matcher);
    }

    /** One line to a pattern, or null for comments and blank lines. */
    private static String readPattern(String line) {
        if (line.startsWith("#")) {
            return null;
        }
        String pattern = WordRunes.trimSpace(line);
        if (pattern.isEmpty()) {
            return null;
        }
        boolean invert = pattern.charAt(0) == '!';
        if (invert) {
            pattern = WordRunes.trimSpace(pattern.substring(1));
        }
        if (!pattern.isEmpty()) {
            pattern = PatternPaths.clean(pattern);
            if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                pattern = pattern.substring(1);
            }
        }
        return invert ? "!" + pattern : pattern;
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                bytes += 4;
                k++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}

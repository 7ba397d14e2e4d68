package dev.stevedore.dockerfile;

import java.util.OptionalInt;

/**
 * An ignore pattern that cannot be used: a lone {@code !}, an unterminated {@code [}, a
 * trailing backslash, a range such as {@code [z-a]}, or an ignore file line too long to read.
 * The message names the file and line when the pattern came from a file:
 *
 * <pre>{@code
 * try {
 *     IgnoreFile.read(Path.of(".dockerignore"));
 * } catch (IgnorePatternException e) {
 *     e.getMessage();  // ".dockerignore:3: invalid pattern \"[abc\": syntax error in pattern: unterminated character class"
 *     e.line();        // 3
 * }
 * }</pre>
 */
public class IgnorePatternException extends DockerfileException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param fileName the ignore file as the user named it, or {@code ""} for patterns not from a file
     * @param line the 1-based line in that file, or 0
     * @param lineText the text of that line, or {@code ""}
     * @param reason what is wrong, naming the pattern
     */
    public IgnorePatternException(String fileName, int line, String lineText, String reason) {
        super(fileName, line, OptionalInt.empty(), lineText, reason);
    }
}

package dev.stevedore.dockerfile;

import java.util.Objects;

/**
 * A shell word that cannot be expanded: a bad substitution, a missing closing brace, an
 * unterminated quote, a {@code ${NAME:?message}} whose variable is unset, an invalid
 * pattern, or nesting deeper than {@link ShellLexer#MAX_NESTING}.
 *
 * <pre>{@code
 * try {
 *     lexer.processWord("${TAG:?set TAG}", env);
 * } catch (ShellExpansionException e) {
 *     e.reason();    // "TAG: set TAG"
 *     e.position();  // 15: offset in the word where expansion stopped
 * }
 * }</pre>
 */
public class ShellExpansionException extends DockerfileException {
    private static final long serialVersionUID = 1L;

    /** The word being expanded. */
    private final String word;
    /** Offset in {@link #word} where expansion stopped. */
    private final int position;
    /** The problem, without the word. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param word the word being expanded
     * @param position the offset (in {@code char}s) in {@code word} where expansion failed
     * @param reason what is wrong, without the word
     */
    public ShellExpansionException(String word, int position, String reason) {
        super("failed to expand \"" + WordRunes.excerpt(Objects.requireNonNull(word, "word"))
                + "\" at offset " + position + ": " + Objects.requireNonNull(reason, "reason"));
        this.word = word;
        this.position = position;
        this.reason = reason;
    }

    /**
     * The word being expanded.
     *
     * @return the whole word, as given
     */
    public String word() {
        return word;
    }

    /**
     * Where expansion stopped.
     *
     * @return an offset in {@code char}s into {@link #word()}, at most its length
     */
    public int position() {
        return position;
    }

    /**
     * What is wrong, e.g. <code>syntax error: missing '&#125;'</code> or
     * {@code TAG: is not allowed to be unset}.
     *
     * @return the reason, without the word
     */
    public String reason() {
        return reason;
    }
}

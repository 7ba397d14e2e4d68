package dev.stevedore.dockerfile;

import java.util.List;

/**
 * The word splitting the parser uses to find heredoc markers: BuildKit's shell lexer with no
 * variables set, unset variables kept as written and the escape character always {@code \}
 * (as {@code parser.go} calls it), here {@link ShellLexer} with the same options.
 */
final class HeredocWords {
    private HeredocWords() {}

    /** A lexing error; the parser either ignores it or reports it, as BuildKit does. */
    static final class LexError extends Exception {
        private static final long serialVersionUID = 1L;

        LexError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Splits {@code text} into words as BuildKit's heredoc detection does.
     *
     * @param text the rest of the instruction line
     * @param rawQuotes whether quotes are kept in the words
     * @param rawEscapes whether escapes are kept in the words
     * @return the words
     * @throws LexError if the text does not lex (unterminated quote or brace, too deep nesting)
     */
    static List<String> words(String text, boolean rawQuotes, boolean rawEscapes) throws LexError {
        try {
            return ShellLexer.standard().withRawQuotes(rawQuotes).withRawEscapes(rawEscapes).withSkipUnsetEnv(true)
                    .processWords(text, ShellEnv.empty());
        } catch (ShellExpansionException e) {
            throw new LexError(e.getMessage());
        }
    }
}

package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Objects;

/**
 * Expands variables in a Dockerfile word the way BuildKit's {@code shell.Lex} does:
 * {@code $NAME}, {@code ${NAME}}, the modifiers {@code :- - :+ + :? ? # ## % %% / //},
 * single and double quotes, and the escape character ({@code \} or, after
 * {@code # escape=`}, a backtick).
 *
 * <pre>{@code
 * ShellLexer lexer = ShellLexer.standard();
 * ShellEnv env = ShellEnv.of(Map.of("APP", "web", "TAG", ""));
 * lexer.processWord("/srv/${APP}", env).result();           // "/srv/web"
 * lexer.processWord("${TAG:-latest}", env).result();        // "latest"
 * lexer.processWord("'$APP' \"$APP\"", env).result();       // "$APP web"
 * lexer.processWords("80/tcp  ${APP} \"a b\"", env);        // [80/tcp, web, a b]
 * }</pre>
 *
 * <p><b>Rules</b>, all as in BuildKit:
 * <ul>
 *   <li>Outside quotes the escape character makes the next character literal; at the end of
 *       the word it is dropped.</li>
 *   <li>Single quotes keep everything literal, the escape character included; a single quote
 *       cannot be escaped inside them.</li>
 *   <li>Double quotes expand {@code $}; the escape character only escapes {@code "}, {@code $}
 *       and itself, and stays literal before anything else ({@code "a\tb"} is {@code a\tb}).</li>
 *   <li>A name is letters, digits and {@code _}; a leading digit makes it a run of digits
 *       ({@code $1x} is {@code $1} then {@code x}); {@code @ * # ? - $ ! 0} are one-character
 *       names. None of these is special: they are looked up like any other name, and are
 *       normally unset. A {@code $} not followed by a name stays a {@code $}.</li>
 *   <li>{@code ${NAME:-w}} / {@code ${NAME-w}}: {@code w} if unset or empty / unset;
 *       {@code :+} / {@code +}: {@code w} if set and non-empty / set, else empty;
 *       {@code :?} / {@code ?}: an error with message {@code w} if unset or empty / unset.</li>
 *   <li>{@code #}, {@code ##}, {@code %}, {@code %%} remove the shortest or longest prefix or
 *       suffix matching a glob ({@code *}, {@code ?}, {@code \*}); {@code /} and {@code //}
 *       replace the first or every longest-leftmost match. No {@code :} form for these.</li>
 *   <li>The word inside {@code ${...}} is expanded in turn, so modifiers nest
 *       ({@code ${A:-${B:-x}}}), up to {@link #MAX_NESTING} levels.</li>
 * </ul>
 *
 * <p><b>Known BuildKit quirks, kept</b>: in {@link #processWords} a {@code ${NAME<op>...}}
 * form drops the part of the same word that came before it ({@code 80/${P:-tcp}} splits to
 * {@code [tcp]}, while {@link #processWord} gives {@code 80/tcp}); in patterns and in
 * {@code //} replacements {@code *} and {@code ?} do not match a newline, and a
 * {@code $0} in a {@code //} replacement inserts the matched text.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ShellLexer {
    /** The deepest nesting of {@code ${...}} inside {@code ${...}} accepted; deeper is an error. */
    public static final int MAX_NESTING = 256;

    private static final ShellLexer STANDARD = new ShellLexer('\\', false, false, false, false);

    private final int escape;
    private final boolean rawQuotes;
    private final boolean rawEscapes;
    private final boolean skipProcessQuotes;
    private final boolean skipUnsetEnv;

    private ShellLexer(int escape, boolean rawQuotes, boolean rawEscapes, boolean skipProcessQuotes,
            boolean skipUnsetEnv) {
        this.escape = escape;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        this.skipProcessQuotes = skipProcessQuotes;
        this.skipUnsetEnv = skipUnsetEnv;
    }

    /**
     * A lexer with the default escape character, the backslash.
     *
     * @return the shared standard lexer
     */
    public static ShellLexer standard() {
        return STANDARD;
    }

    /**
     * A lexer for the escape character a Dockerfile declared with {@code # escape=}.
     *
     * <pre>{@code ShellLexer.withEscape('`').processWord("C:\\dir`\"x`\"", env)   // C:\dir"x"}</pre>
     *
     * @param escape {@code '\\'} or {@code '`'}
     * @return a lexer using that escape character
     * @throws IllegalArgumentException for any other character
     */
    public static ShellLexer withEscape(char escape) {
        if (escape != '\\' && escape != '`') {
            throw new IllegalArgumentException("escape character must be \\ or `, got: " + escape);
        }
        return escape == '\\' ? STANDARD : new ShellLexer(escape, false, false, false, false);
    }

    /**
     * Keeps quote characters in the result (BuildKit's {@code RawQuotes}), as used when
     * expanding a {@code RUN} command line for display.
     *
     * @param raw whether to keep quotes
     * @return a lexer with that setting
     */
    public ShellLexer withRawQuotes(boolean raw) {
        return new ShellLexer(escape, raw, rawEscapes, skipProcessQuotes, skipUnsetEnv);
    }

    /**
     * Keeps escape characters in the result (BuildKit's {@code RawEscapes}).
     *
     * @param raw whether to keep escape characters
     * @return a lexer with that setting
     */
    public ShellLexer withRawEscapes(boolean raw) {
        return new ShellLexer(escape, rawQuotes, raw, skipProcessQuotes, skipUnsetEnv);
    }

    /**
     * Treats quotes as ordinary characters (BuildKit's {@code SkipProcessQuotes}), as for the
     * body of a {@code COPY <<EOF} heredoc that is expanded.
     *
     * @param skip whether quotes are ordinary characters
     * @return a lexer with that setting
     */
    public ShellLexer withSkipProcessQuotes(boolean skip) {
        return new ShellLexer(escape, rawQuotes, rawEscapes, skip, skipUnsetEnv);
    }

    /**
     * Leaves references to unset variables as written (BuildKit's {@code SkipUnsetEnv}):
     * {@code $X} stays {@code $X}, {@code ${X:-d}} stays {@code ${X:-d}}.
     *
     * @param skip whether to keep unset references
     * @return a lexer with that setting
     */
    public ShellLexer withSkipUnsetEnv(boolean skip) {
        return new ShellLexer(escape, rawQuotes, rawEscapes, skipProcessQuotes, skip);
    }

    /**
     * Expands one word without splitting it (BuildKit's {@code ProcessWordWithMatches}); used
     * for {@code ENV}, {@code LABEL}, {@code WORKDIR}, {@code USER}, {@code COPY} sources...
     *
     * <pre>{@code ShellLexer.standard().processWord("a  b$X", ShellEnv.of(Map.of("X", "!"))).result()   // "a  b!"}</pre>
     *
     * @param word the word as written in the Dockerfile
     * @param env the variables in scope
     * @return the expanded text and the names it looked up
     * @throws ShellExpansionException if the word is malformed or a {@code ?} modifier fails
     */
    public Expansion processWord(String word, ShellEnv env) {
        return new ShellWordScanner(Objects.requireNonNull(word, "word"), this,
                Objects.requireNonNull(env, "env")).expand();
    }

    /**
     * Expands a word and splits the result on whitespace outside quotes (BuildKit's
     * {@code ProcessWords}); used for {@code EXPOSE} and for finding heredoc markers.
     * Whitespace coming from a variable's value splits too; empty words are dropped.
     *
     * <pre>{@code ShellLexer.standard().processWords("a \"b c\" $X", ShellEnv.of(Map.of("X", "d e")))   // [a, b c, d, e]}</pre>
     *
     * @param word the text as written in the Dockerfile
     * @param env the variables in scope
     * @return the words, possibly none
     * @throws ShellExpansionException if the text is malformed or a {@code ?} modifier fails
     */
    public List<String> processWords(String word, ShellEnv env) {
        return new ShellWordScanner(Objects.requireNonNull(word, "word"), this,
                Objects.requireNonNull(env, "env")).split();
    }

    /**
     * The escape character.
     *
     * @return {@code '\\'} or {@code '`'}
     */
    public char escape() {
        return (char) escape;
    }

    boolean rawQuotes() {
        return rawQuotes;
    }

    boolean rawEscapes() {
        return rawEscapes;
    }

    boolean skipProcessQuotes() {
        return skipProcessQuotes;
    }

    boolean skipUnsetEnv() {
        return skipUnsetEnv;
    }

    @Override
    public String toString() {
        return "ShellLexer[escape=" + (char) escape + ", rawQuotes=" + rawQuotes + ", rawEscapes=" + rawEscapes
                + ", skipProcessQuotes=" + skipProcessQuotes + ", skipUnsetEnv=" + skipUnsetEnv + "]";
    }
}

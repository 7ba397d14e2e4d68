package dev.stevedore.dockerfile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One expansion of one word: a single pass over the word, recursive only for nested
 * {@code ${...}} (bounded by {@link ShellLexer#MAX_NESTING}). Follows the structure of
 * BuildKit's {@code shell/lex.go} so that each quirk lands in the same place; not thread-safe,
 * made afresh by {@link ShellLexer} for every call.
 */
final class ShellWordScanner {
    private static final int EOF = WordRunes.EOF;
    private static final String TOO_DEEP =
            "variable substitutions nested deeper than " + ShellLexer.MAX_NESTING + " levels";

    private final String word;
    private final ShellLexer lexer;
    private final ShellEnv env;
    private final Set<String> matched = new LinkedHashSet<>();
    private final Set<String> unmatched = new LinkedHashSet<>();
    private final WordSplitter words = new WordSplitter();
    private int pos;
    private boolean rawEscapes;
    private int depth;

    ShellWordScanner(String word, ShellLexer lexer, ShellEnv env) {
        this.word = word;
        this.lexer = lexer;
        this.env = env;
        this.rawEscapes = lexer.rawEscapes();
        // Go's text/scanner skips a byte-order mark at the start of its input.
        this.pos = word.startsWith("\uFEFF") ? 1 : 0;
    }

    Expansion expand() {
        String result = scanUntil(EOF, rawEscapes);
        return new Expansion(result, matched, unmatched);
    }

    List<String> split() {
        scanUntil(EOF, rawEscapes);
        return words.finish();
    }

    private int peek() {
        return pos < word.length() ? word.codePointAt(pos) : EOF;
    }

    private int next() {
        int c = peek();
        if (c != EOF) {
            pos += Character.charCount(c);
        }
        return c;
    }

    private ShellExpansionException error(String reason) {
        return new ShellExpansionException(word, pos, reason);
    }

    /**
     * Reads up to {@code stop} (consumed) or the end of the word. At the top level
     * ({@code depth == 0}) the characters also go to the word splitter.
     */
    private String scanUntil(int stop, boolean raw) {
        boolean nested = depth > 0;
        if (nested) {
            // BuildKit shares one word buffer between nesting levels and resets it here: the
            // word being split loses what it held before a ${NAME<op>...}.
            words.dropCurrent();
        }
        boolean savedRaw = rawEscapes;
        rawEscapes = raw;
        try {
            StringBuilder result = new StringBuilder();
            int ch;
            while ((ch = peek()) != EOF) {
                if (stop != EOF && ch == stop) {
                    next();
                    return result.toString();
                }
                if (ch == '$') {
                    String value = dollar();
                    result.append(value);
                    if (!nested) {
                        words.addSplitting(value);
                    }
                } else if (ch == '<' || (!lexer.skipProcessQuotes() && (ch == '\'' || ch == '"'))) {
                    String value = ch == '<' ? possibleHeredoc() : ch == '\'' ? singleQuoted() : doubleQuoted();
                    result.append(value);
                    if (!nested) {
                        words.addRaw(value);
                    }
                } else {
                    next();
                    if (ch == lexer.escape()) {
                        if (rawEscapes) {
                            result.appendCodePoint(ch);
                            if (!nested) {
                                words.addRaw(ch);
                            }
                        }
                        ch = next();
                        if (ch == EOF) {
                            break; // an escape at the end of the word is dropped
                        }
                        if (!nested) {
                            words.addRaw(ch);
                        }
                    } else if (!nested) {
                        words.addSplitting(ch);
                    }
                    result.appendCodePoint(ch);
                }
            }
            if (stop != EOF) {
                throw error("unexpected end of statement while looking for matching " + WordRunes.text(stop));
            }
            return result.toString();
        } finally {
            rawEscapes = savedRaw;
        }
    }

    /** A nested word inside {@code ${...}}, up to {@code stop}; at the end of input, {@code missing}. */
    private String nestedWord(int stop, boolean raw, String missing) {
        if (depth >= ShellLexer.MAX_NESTING) {
            throw error(TOO_DEEP);
        }
        depth++;
        try {
            return scanUntil(stop, raw);
        } catch (ShellExpansionException e) {
            if (peek() == EOF && !e.reason().equals(TOO_DEEP)) {
                throw error(missing);
            }
            throw e;
        } finally {
            depth--;
        }
    }

    private String singleQuoted() {
        StringBuilder result = new StringBuilder();
        int quote = next();
        if (lexer.rawQuotes()) {
            result.appendCodePoint(quote);
        }
        while (true) {
            int ch = next();
            if (ch == EOF) {
                throw error("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (lexer.rawQuotes()) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            result.appendCodePoint(ch);
        }
    }

    private String doubleQuoted() {
        StringBuilder result = new StringBuilder();
        int quote = next();
        if (lexer.rawQuotes()) {
            result.appendCodePoint(quote);
        }
        while (true) {
            int ch = peek();
            if (ch == EOF) {
                throw error("unexpected end of statement while looking for matching double-quote");
            }
            if (ch == '"') {
                next();
                if (lexer.rawQuotes()) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            if (ch == '$') {
                result.append(dollar());
                continue;
            }
            next();
            if (ch == lexer.escape()) {
                if (rawEscapes) {
                    result.appendCodePoint(ch);
                }
                int following = peek();
                if (following == EOF) {
                    continue; // reported as an unterminated quote on the next turn
                }
                if (following == '"' || following == '$' || following == lexer.escape()) {
                    ch = next();
                }
            }
            result.appendCodePoint(ch);
        }
    }

    private String possibleHeredoc() {
        next();
        if (peek() != '<') {
            return "<";
        }
        next();
        StringBuilder result = new StringBuilder("<<");
        int ch;
        while ((ch = peek()) == ' ' || ch == '\t' || ch == '\r') {
            result.appendCodePoint(next());
        }
        return result.toString();
    }

    private String dollar() {
        next(); // $
        if (peek() != '{') {
            String name = name();
            if (name.isEmpty()) {
                return "$";
            }
            Optional<String> value = lookup(name);
            if (value.isEmpty() && lexer.skipUnsetEnv()) {
                return "$" + name;
            }
            return value.orElse("");
        }
        next(); // {
        int first = peek();
        if (first == EOF) {
            throw error("syntax error: missing '}'");
        }
        if (first == '{' || first == '}' || first == ':') {
            throw error("syntax error: bad substitution");
        }
        String name = name();
        int op = next();
        if (op == EOF) {
            throw error("syntax error: missing '}'");
        }
        if (op == '}') {
            Optional<String> value = lookup(name);
            if (value.isEmpty() && lexer.skipUnsetEnv()) {
                return "${" + name + "}";
            }
            return value.orElse("");
        }
        if (op == '/') {
            return substitute(name);
        }
        String ops = WordRunes.text(op);
        boolean nullIsUnset = false;
        if (op == ':') {
            nullIsUnset = true;
            op = next();
            ops += WordRunes.text(op);
        } else if (op != '+' && op != '-' && op != '?' && op != '#' && op != '%') {
            throw error("unsupported modifier (" + ops + ") in substitution");
        }
        boolean trim = op == '#' || op == '%';
        if (nullIsUnset && trim) {
            throw error("unsupported modifier (" + ops + ") in substitution");
        }
        String arg = nestedWord('}', trim, "syntax error: missing '}'");
        Optional<String> value = lookup(name);
        if (value.isEmpty() && lexer.skipUnsetEnv()) {
            return "${" + name + ops + arg + "}";
        }
        boolean unsetOrNull = value.isEmpty() || (nullIsUnset && value.get().isEmpty());
        switch (op) {
            case '-':
                return unsetOrNull ? arg : value.get();
            case '+':
                return unsetOrNull ? "" : arg;
            case '?':
                if (value.isEmpty()) {
                    throw error(name + ": " + (arg.isEmpty() ? "is not allowed to be unset" : arg));
                }
                if (unsetOrNull) {
                    throw error(name + ": " + (arg.isEmpty() ? "is not allowed to be empty" : arg));
                }
                return value.get();
            case '#':
            case '%':
                return trim(op, arg, value.orElse(""));
            default:
                throw error("unsupported modifier (" + ops + ") in substitution");
        }
    }

    /** {@code ${NAME#pat}}, {@code ${NAME##pat}}, {@code ${NAME%pat}}, {@code ${NAME%%pat}}. */
    private String trim(int op, String pattern, String value) {
        try {
            return ShellOperators.trim(op, pattern, value);
        } catch (ShellPattern.SyntaxException e) {
            throw badPattern(pattern, e);
        }
    }

    /** {@code ${NAME/pat/repl}} and {@code ${NAME//pat/repl}}; the first {@code /} is consumed. */
    private String substitute(String name) {
        boolean all = peek() == '/';
        if (all) {
            next();
        }
        String pattern = nestedWord('/', true, "syntax error: missing '/' in ${}");
        String replacement = nestedWord('}', true, "syntax error: missing '}'");
        Optional<String> value = lookup(name);
        if (value.isEmpty() && lexer.skipUnsetEnv()) {
            // BuildKit writes a single slash back, even for //.
            return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        try {
            return ShellOperators.replace(pattern, replacement, value.orElse(""), all);
        } catch (ShellPattern.SyntaxException e) {
            throw badPattern(pattern, e);
        }
    }

    private ShellExpansionException badPattern(String pattern, ShellPattern.SyntaxException e) {
        return error("invalid pattern (" + WordRunes.excerpt(pattern) + ") in substitution: " + e.getMessage());
    }

    /**
     * A name after {@code $}: a run of digits (positional), one special parameter character
     * ({@code @ * # ? - $ ! 0}), or letters, digits and underscores. Empty if none.
     */
    private String name() {
        int start = pos;
        int ch = peek();
        if (ch != EOF && WordRunes.isDigit(ch)) {
            while (peek() != EOF && WordRunes.isDigit(peek())) {
                next();
            }
            return word.substring(start, pos);
        }
        if (isSpecialParameter(ch)) {
            next();
            return WordRunes.text(ch);
        }
        while ((ch = peek()) != EOF && (WordRunes.isLetter(ch) || WordRunes.isDigit(ch) || ch == '_')) {
            next();
        }
        return word.substring(start, pos);
    }

    private static boolean isSpecialParameter(int ch) {
        return ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' || ch == '!' || ch == '0';
    }

    private Optional<String> lookup(String name) {
        Optional<String> value = env.get(name);
        if (value.isPresent()) {
            matched.add(name);
        } else {
            unmatched.add(name);
        }
        return value;
    }
}

package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of BuildKit's shell lexer ({@code shell/lex.go}) that the parser uses to find
 * heredoc markers: word splitting with quote and {@code $} handling, no variable set,
 * unset variables kept as written, escape character always {@code \}.
 *
 * <p>It reproduces the lexer's quirks, including the word buffer that nested
 * {@code ${...}} processing shares with the enclosing word. Nesting deeper than
 * {@link #MAX_DEPTH} is reported as a lexing error instead of recursing further.
 */
final class HeredocWords {
    static final int MAX_DEPTH = 256;
    private static final int EOF = -1;
    private static final char ESCAPE = '\\';

    /** A lexing error; the parser either ignores it or reports it, as BuildKit does. */
    static final class LexError extends Exception {
        private static final long serialVersionUID = 1L;

        LexError(String message) {
            super(message, null, false, false);
        }
    }

    private final String text;
    private final boolean rawQuotes;
    private boolean rawEscapes;
    private int pos;
    private int depth;
    /** Shared by every nested word, as {@code shellWord.wordsBuffer} is. */
    private final StringBuilder wordsBuffer = new StringBuilder();

    private HeredocWords(String text, boolean rawQuotes, boolean rawEscapes) {
        this.text = text;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        // text/scanner skips a byte order mark at the very start.
        this.pos = text.startsWith("\uFEFF") ? 1 : 0;
    }

    /** {@code ProcessWords} with the given quote and escape modes. */
    static List<String> words(String text, boolean rawQuotes, boolean rawEscapes) throws LexError {
        HeredocWords lexer = new HeredocWords(text, rawQuotes, rawEscapes);
        return lexer.processStopOn(EOF, rawEscapes).words;
    }

    private record Processed(String result, List<String> words) {
    }

    private final class Words {
        private final List<String> list = new ArrayList<>();
        private boolean inWord;

        void addChar(int c) {
            if (GoText.isSpace(c) && inWord) {
                if (wordsBuffer.length() != 0) {
                    list.add(wordsBuffer.toString());
                    wordsBuffer.setLength(0);
                    inWord = false;
                }
            } else if (!GoText.isSpace(c)) {
                addRawChar(c);
            }
        }

        void addRawChar(int c) {
            wordsBuffer.appendCodePoint(c);
            inWord = true;
        }

        void addString(String s) {
            s.codePoints().forEach(this::addChar);
        }

        void addRawString(String s) {
            wordsBuffer.append(s);
            inWord = true;
        }

        List<String> get() {
            if (wordsBuffer.length() > 0) {
                list.add(wordsBuffer.toString());
                wordsBuffer.setLength(0);
                inWord = false;
            }
            return list;
        }
    }

    private int peek() {
        return pos < text.length() ? text.codePointAt(pos) : EOF;
    }

    private int next() {
        int c = peek();
        if (c != EOF) {
            pos += Character.charCount(c);
        }
        return c;
    }

    private static String runeString(int c) {
        return c == EOF ? "\uFFFD" : new String(Character.toChars(c));
    }

    private Processed processStopOn(int stopChar, boolean raw) throws LexError {
        if (++depth > MAX_DEPTH) {
            throw new LexError("too deeply nested");
        }
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            StringBuilder result = new StringBuilder();
            wordsBuffer.setLength(0);
            Words words = new Words();
            while (peek() != EOF) {
                int c = peek();
                if (stopChar != EOF && c == stopChar) {
                    next();
                    return new Processed(result.toString(), words.get());
                }
                if (c == '$' || c == '<' || c == '\'' || c == '"') {
                    String tmp = switch (c) {
                        case '$' -> processDollar();
                        case '<' -> processPossibleHeredoc();
                        case '\'' -> processSingleQuote();
                        default -> processDoubleQuote();
                    };
                    result.append(tmp);
                    if (c == '$') {
                        words.addString(tmp);
                    } else {
                        words.addRawString(tmp);
                    }
                    continue;
                }
                c = next();
                if (c == ESCAPE) {
                    if (rawEscapes) {
                        words.addRawChar(c);
                        result.appendCodePoint(c);
                    }
                    c = next();
                    if (c == EOF) {
                        break;
                    }
                    words.addRawChar(c);
                } else {
                    words.addChar(c);
                }
                result.appendCodePoint(c);
            }
            if (stopChar != EOF) {
                throw new LexError("unexpected end of statement while looking for matching " + runeString(stopChar));
            }
            return new Processed(result.toString(), words.get());
        } finally {
            rawEscapes = saved;
            depth--;
        }
    }

    private String processSingleQuote() throws LexError {
        StringBuilder result = new StringBuilder();
        int c = next();
        if (rawQuotes) {
            result.appendCodePoint(c);
        }
        while (true) {
            c = next();
            if (c == EOF) {
                throw new LexError("unexpected end of statement while looking for matching single-quote");
            }
            if (c == '\'') {
                if (rawQuotes) {
                    result.appendCodePoint(c);
                }
                return result.toString();
            }
            result.appendCodePoint(c);
        }
    }

    private String processDoubleQuote() throws LexError {
        StringBuilder result = new StringBuilder();
        int c = next();
        if (rawQuotes) {
            result.appendCodePoint(c);
        }
        while (true) {
            int p = peek();
            if (p == EOF) {
                throw new LexError("unexpected end of statement while looking for matching double-quote");
            }
            if (p == '"') {
                next();
                if (rawQuotes) {
                    result.append('"');
                }
                return result.toString();
            }
            if (p == '$') {
                result.append(processDollar());
                continue;
            }
            c = next();
            if (c == ESCAPE) {
                if (rawEscapes) {
                    result.appendCodePoint(c);
                }
                int after = peek();
                if (after == EOF) {
                    continue;
                }
                if (after == '"' || after == '$' || after == ESCAPE) {
                    c = next();
                }
            }
            result.appendCodePoint(c);
        }
    }

    private String processDollar() throws LexError {
        next();
        if (peek() != '{') {
            String name = processName();
            return name.isEmpty() ? "$" : "$" + name;
        }
        next();
        int p = peek();
        if (p == EOF) {
            throw new LexError("syntax error: missing '}'");
        }
        if (p == '{' || p == '}' || p == ':') {
            throw new LexError("syntax error: bad substitution");
        }
        String name = processName();
        int c = next();
        String chs = runeString(c);
        boolean nullIsUnset = false;
        if (c == '}') {
            return "${" + name + "}";
        }
        if (c == ':') {
            nullIsUnset = true;
            c = next();
            chs += runeString(c);
        }
        if (nullIsUnset || c == '+' || c == '-' || c == '?' || c == '#' || c == '%') {
            boolean modifierRaw = c == '#' || c == '%';
            if (nullIsUnset && modifierRaw) {
                throw new LexError("unsupported modifier (" + chs + ") in substitution");
            }
            String word;
            try {
                word = processStopOn('}', modifierRaw).result;
            } catch (LexError e) {
                if (peek() == EOF) {
                    throw new LexError("syntax error: missing '}'");
                }
                throw e;
            }
            return "${" + name + chs + word + "}";
        }
        if (c == '/') {
            if (peek() == '/') {
                next();
            }
            String pattern;
            try {
                pattern = processStopOn('/', true).result;
            } catch (LexError e) {
                if (peek() == EOF) {
                    throw new LexError("syntax error: missing '/' in ${}");
                }
                throw e;
            }
            String replacement;
            try {
                replacement = processStopOn('}', true).result;
            } catch (LexError e) {
                if (peek() == EOF) {
                    throw new LexError("syntax error: missing '}'");
                }
                throw e;
            }
            return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        throw new LexError("unsupported modifier (" + chs + ") in substitution");
    }

    private String processName() {
        StringBuilder name = new StringBuilder();
        while (peek() != EOF) {
            int c = peek();
            if (name.length() == 0 && Character.isDigit(c)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    name.appendCodePoint(next());
                }
                return name.toString();
            }
            if (name.length() == 0 && isSpecialParam(c)) {
                return runeString(next());
            }
            if (!Character.isLetter(c) && !Character.isDigit(c) && c != '_') {
                break;
            }
            name.appendCodePoint(next());
        }
        return name.toString();
    }

    private static boolean isSpecialParam(int c) {
        return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!' || c == '0';
    }

    private String processPossibleHeredoc() {
        next();
        if (peek() != '<') {
            return "<";
        }
        next();
        StringBuilder result = new StringBuilder("<<");
        while (peek() == '\t' || peek() == '\r' || peek() == ' ') {
            result.appendCodePoint(next());
        }
        return result.toString();
    }
}

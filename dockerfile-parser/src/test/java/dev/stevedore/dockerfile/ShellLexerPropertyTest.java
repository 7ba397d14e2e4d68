package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ShellLexerPropertyTest {
    private static final ShellLexer LEXER = ShellLexer.standard();
    private static final ShellEnv ENV = ShellEnv.of(Map.of("X", "v", "EMPTY", ""));
    private static final String SPECIAL = "$'\"\\";

    @Property
    void wordWithoutDollarQuotesOrEscapeExpandsToItself(@ForAll("plainWords") String word) {
        assertThat(LEXER.processWord(word, ENV).result()).isEqualTo(word);
        String forBacktick = word.replace('`', 'x');
        assertThat(ShellLexer.withEscape('`').processWord(forBacktick, ENV).result()).isEqualTo(forBacktick);
    }

    @Property
    void wordWithoutDollarQuotesOrEscapeSplitsOnGoWhitespace(@ForAll("plainWords") String word) {
        // given: "<<" followed by blanks is kept together as a heredoc marker, so leave out '<'
        String text = word.replace('<', 'x');
        List<String> expected = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (WordRunes.isSpace(cp)) {
                if (current.length() > 0) {
                    expected.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.appendCodePoint(cp);
            }
        });
        if (current.length() > 0) {
            expected.add(current.toString());
        }

        // when / then
        assertThat(LEXER.processWords(text, ENV)).isEqualTo(expected);
    }

    @Property
    void escapingTheSpecialCharactersGivesTheTextBack(@ForAll("anyText") String text) {
        // given
        StringBuilder someEscaped = new StringBuilder();
        StringBuilder allEscaped = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (SPECIAL.indexOf(cp) >= 0) {
                someEscaped.append('\\');
            }
            someEscaped.appendCodePoint(cp);
            allEscaped.append('\\').appendCodePoint(cp);
        });

        // when / then
        assertThat(LEXER.processWord(someEscaped.toString(), ENV).result()).isEqualTo(text);
        assertThat(LEXER.processWords(allEscaped.toString(), ENV)).isEqualTo(text.isEmpty() ? List.of() : List.of(text));
    }

    @Property
    void singleQuotesKeepEverythingButASingleQuote(@ForAll("anyText") String text) {
        String inside = text.replace("'", "");
        assertThat(LEXER.processWord("'" + inside + "'", ENV).result()).isEqualTo(inside);
        assertThat(LEXER.processWords("x'" + inside + "'", ENV)).containsExactly("x" + inside);
    }

    @Property
    void doubleQuotesKeepTextWithoutDollarQuoteOrEscape(@ForAll("anyText") String text) {
        String inside = text.replaceAll("[\"$\\\\]", "");
        assertThat(LEXER.processWord("\"" + inside + "\"", ENV).result()).isEqualTo(inside);
    }

    @Property(tries = 3000)
    void anyWordEitherExpandsOrFailsWithAPosition(@ForAll("shellish") String word) {
        for (ShellLexer lexer : List.of(LEXER, ShellLexer.withEscape('`'), LEXER.withSkipUnsetEnv(true),
                LEXER.withRawEscapes(true).withRawQuotes(true), LEXER.withSkipProcessQuotes(true))) {
            Throwable thrown = catchThrowable(() -> {
                lexer.processWord(word, ENV);
                lexer.processWords(word, ENV);
            });
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(ShellExpansionException.class);
                assertThat(((ShellExpansionException) thrown).position()).isBetween(0, word.length());
            }
        }
    }

    @Provide
    Arbitrary<String> plainWords() {
        return Arbitraries.oneOf(Arbitraries.strings().ascii(), Arbitraries.strings().all(),
                Arbitraries.strings().withChars("ab-_/.:=@ \t\n\u00A0\u3000é한`{}<>*?").ofMaxLength(30))
                .map(s -> s.replaceAll("[$'\"\\\\]", "")).filter(s -> !s.startsWith("\uFEFF"));
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(Arbitraries.strings().all(),
                Arbitraries.strings().withChars("ab $'\"\\`{}:-#%/\n\t\u00A0").ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> shellish() {
        return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(30),
                Arbitraries.strings().withChars("${}:-+?#%/'\"\\` aX*").ofMaxLength(30));
    }
}

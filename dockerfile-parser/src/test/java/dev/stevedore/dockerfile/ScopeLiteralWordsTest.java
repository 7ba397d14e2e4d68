package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Scoping skips the lexer for words it would return unchanged; that shortcut must be exact. */
class ScopeLiteralWordsTest {

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withChars("aZ09 \t\n/.:-_=,{}()[]*?#%!@~^&|;<>+`\\$'\"\uFEFFé")
                .ofMaxLength(24);
    }

    @Property(tries = 2000)
    void aLiteralWordExpandsToItself(@ForAll("words") String word) {
        for (ShellLexer lexer : new ShellLexer[] {ShellLexer.standard(), ShellLexer.withEscape('`'),
            ShellLexer.standard().withSkipProcessQuotes(true)}) {
            if (!ScopeExpander.literal(word, lexer.escape())) {
                continue;
            }
            Expansion e = lexer.processWord(word, ShellEnv.of(Map.of("a", "x")));
            assertThat(e.result()).isEqualTo(word);
            assertThat(e.unmatched()).isEmpty();
            assertThat(e.matched()).isEmpty();
        }
    }
}

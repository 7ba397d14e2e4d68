package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile inputs: huge words and values, deep nesting, control characters.
 */
@Timeout(30)
class ShellLexerRobustnessTest {
    private static final ShellLexer LEXER = ShellLexer.standard();
    private static final ShellEnv ENV = ShellEnv.of(Map.of("X", "v", "BIG", "a".repeat(1 << 20)));

    @Test
    void expandsAMegabyteWordInLinearTime() {
        // given
        String plain = "ab c".repeat(1 << 18);
        String vars = "$X-".repeat(1 << 18);

        // when
        long start = System.nanoTime();
        String plainResult = LEXER.processWord(plain, ENV).result();
        String varsResult = LEXER.processWord(vars, ENV).result();
        List<String> words = LEXER.processWords(plain, ENV);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(plainResult).isEqualTo(plain);
        assertThat(varsResult).isEqualTo("v-".repeat(1 << 18));
        assertThat(words).hasSize((1 << 18) + 1);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void trimsAndReplacesInAMegabyteValue() {
        assertThat(LEXER.processWord("${BIG##*a}", ENV).result()).isEmpty();
        assertThat(LEXER.processWord("${BIG#*a}", ENV).result()).hasSize((1 << 20) - 1);
        assertThat(LEXER.processWord("${BIG%%a*}", ENV).result()).isEmpty();
        assertThat(LEXER.processWord("${BIG//a/b}", ENV).result()).isEqualTo("b".repeat(1 << 20));
        assertThat(LEXER.processWord("${BIG//?a/b}", ENV).result()).isEqualTo("b".repeat(1 << 19));
        assertThat(LEXER.processWord("${BIG//*b/x}", ENV).result()).isEqualTo("a".repeat(1 << 20));
        assertThat(LEXER.processWord("${BIG/a*/x}", ENV).result()).isEqualTo("x");
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        // given
        int depth = ShellLexer.MAX_NESTING;
        String word = "${A:-".repeat(depth) + "x" + "}".repeat(depth);

        // when / then
        assertThat(LEXER.processWord(word, ENV).result()).isEqualTo("x");
    }

    @Test
    void rejectsTenThousandNestedBracesCleanly() {
        // given
        String closed = "${A:-".repeat(10_000) + "x" + "}".repeat(10_000);
        String open = "${A:-".repeat(10_000);

        // when / then
        for (String word : List.of(closed, open)) {
            assertThatThrownBy(() -> LEXER.processWord(word, ENV))
                    .isInstanceOfSatisfying(ShellExpansionException.class, e -> {
                        assertThat(e.reason()).isEqualTo("variable substitutions nested deeper than 256 levels");
                        assertThat(e.getMessage()).hasSizeLessThan(200);
                    });
        }
    }

    @Test
    void passesNulAndControlCharactersThrough() {
        assertThat(LEXER.processWord("a\u0000$X\u0000'\u0001'", ENV).result()).isEqualTo("a\u0000v\u0000\u0001");
        assertThat(LEXER.processWords("a\u0000b c", ENV)).containsExactly("a\u0000b", "c");
    }
}

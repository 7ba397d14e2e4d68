package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellLexerTest {
    private static final ShellEnv ENV = ShellEnv.of(Map.of("X", "v", "EMPTY", "", "SP", " a  b ", "NL", "a\nb",
            "PATHS", "/usr/local/bin:/usr/bin", "TPL", "<$0>", "DD", "$$"));
    private static final ShellLexer BACKSLASH = ShellLexer.standard();
    private static final ShellLexer BACKTICK = ShellLexer.withEscape('`');

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "a\\$X           | a$X",
        "a\\\\$X         | a\\v",
        "a\\ b           | a b",
        "a\\             | a",
        "\\'x\\'         | 'x'",
        "'a\\b'          | a\\b",
        "'$X'            | $X",
        "\"$X\"          | v",
        "\"a\\tb\"       | a\\tb",
        "\"a\\\"b\"      | a\"b",
        "\"a\\$X\"       | a$X",
        "\"a\\\\b\"      | a\\b",
        "\"a'b'\"        | a'b'",
        "'a\"b\"'        | a\"b\"",
        "a`b             | a`b",
        "$X$X            | vv",
        "${X}x           | vx",
        "$Xx             | ~~",
        "$               | $",
        "a$              | a$",
        "$-x             | x",
        "$1x             | x",
        "${X:+[$X]}      | [v]",
        "${EMPTY-e}      | ~~",
        "${EMPTY:-e}     | e",
        "${EMPTY+p}      | p",
        "${EMPTY:+p}     | ~~",
        "${NONE:-\"a b\"} | a b",
        "${NONE:-'$X'}   | $X",
        "${NONE:-\\}}    | }",
        "${PATHS#*:}     | /usr/bin",
        "${PATHS##*/}    | bin",
        "${PATHS%:*}     | /usr/local/bin",
        "${PATHS%%/*}    | ~~",
        "${PATHS%%:*}    | /usr/local/bin",
        "${PATHS/usr/opt} | /opt/local/bin:/usr/bin",
        "${PATHS//usr/opt} | /opt/local/bin:/opt/bin",
        "${PATHS//\\//+} | +usr+local+bin:+usr+bin",
        "${PATHS/#/x}    | /usr/local/bin:/usr/bin",
        "${NONE#*}       | ~~",
        "${NONE//a/b}    | ~~",
        "<<EOF           | <<EOF",
        "\uFEFFa         | a",
    })
    void expandsWithBackslashEscape(String word, String expected) {
        assertThat(BACKSLASH.processWord(word, ENV).result()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "a`$X            | a$X",
        "a``$X           | a`v",
        "a` b            | a b",
        "a`              | a",
        "C:\\dir\\$X     | C:\\dir\\v",
        "\"C:\\dir\\\"   | C:\\dir\\",
        "\"a`\"b\"       | a\"b",
        "\"a`$X\"        | a$X",
        "\"a``b\"        | a`b",
        "\"a`tb\"        | a`tb",
        "'a`b'           | a`b",
        "${NONE:-`}}     | }",
        "${PATHS##*/}    | bin",
    })
    void expandsWithBacktickEscape(String word, String expected) {
        assertThat(BACKTICK.processWord(word, ENV).result()).isEqualTo(expected);
    }

    @Test
    void shellPatternsUseBackslashEvenWhenTheEscapeIsBacktick() {
        // given: in a pattern BuildKit reads \ as the glob escape whatever the Dockerfile escape is
        ShellEnv env = ShellEnv.of(Map.of("V", "a*b"));

        // when / then
        assertThat(BACKTICK.processWord("${V#a\\*}", env).result()).isEqualTo("b");
        assertThat(BACKTICK.processWord("${V#a`*}", env).result()).isEqualTo("a*b");
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "a b   c              | a,b,c",
        "'a b' \"c  d\"       | a b,c  d",
        "a\\ b                | a b",
        "$SP                  | a,b",
        "\"$SP\"              | ' a  b '",
        "x$SP                 | x,a,b",
        "'' \"\" x            | x",
        "a\u00A0b             | a,b",
        "a\u200Bb             | a\u200Bb",
        "cat <<  EOF          | cat,<<  EOF",
        "a<b                  | a<b",
        "x${NONE}y            | xy",
        "80/${NONE:-tcp}      | tcp",
        "a 80/${NONE:-tcp} b  | a,tcp,b",
        "x\"${NONE:-a}\"      | a",
        "x${X/v/w}            | w",
    })
    void splitsWordsOnUnquotedWhitespace(String word, String expectedCsv) {
        List<String> expected = List.of(expectedCsv.replace("'", "").split(","));
        assertThat(BACKSLASH.processWords(word, ENV)).isEqualTo(expected);
    }

    @Test
    void processWordKeepsThePrefixThatProcessWordsDrops() {
        // BuildKit quirk: the nested ${...} resets the shared word buffer, in splitting only
        assertThat(BACKSLASH.processWord("80/${NONE:-tcp}", ENV).result()).isEqualTo("80/tcp");
        assertThat(BACKSLASH.processWords("80/${NONE:-tcp}", ENV)).containsExactly("tcp");
    }

    @Test
    void globsAndReplacementsDoNotCrossNewlines() {
        assertThat(BACKSLASH.processWord("${NL##*}", ENV).result()).isEqualTo("\nb");
        assertThat(BACKSLASH.processWord("${NL%%*}", ENV).result()).isEqualTo("a\n");
        assertThat(BACKSLASH.processWord("${NL//?/-}", ENV).result()).isEqualTo("-\n-");
        assertThat(BACKSLASH.processWord("${NL//*/-}", ENV).result()).isEqualTo("-\n-");
    }

    @Test
    void replaceAllTreatsDollarsInTheReplacementAsTemplate() {
        // given: X=v; TPL=<$0>; DD=$$
        // when / then: only // goes through Go's template expansion
        assertThat(BACKSLASH.processWord("${X//v/$TPL}", ENV).result()).isEqualTo("<v>");
        assertThat(BACKSLASH.processWord("${X/v/$TPL}", ENV).result()).isEqualTo("<$0>");
        assertThat(BACKSLASH.processWord("${X//v/$DD}", ENV).result()).isEqualTo("$");
        assertThat(BACKSLASH.processWord("${X//v/a\\$0-b}", ENV).result()).isEqualTo("a\\v-b");
        // $0b names group "0b", which does not exist
        assertThat(BACKSLASH.processWord("${X//v/a\\$0b}", ENV).result()).isEqualTo("a\\");
    }

    @Test
    void replaceAllSkipsAnEmptyMatchRightAfterAMatch() {
        assertThat(BACKSLASH.processWord("${X//*/-}", ENV).result()).isEqualTo("-");
        assertThat(BACKSLASH.processWord("${PATHS///}", ShellEnv.of(Map.of("PATHS", "ab"))).result())
                .isEqualTo("ab");
        assertThat(BACKSLASH.processWord("${V//$NONE/-}", ShellEnv.of(Map.of("V", "ab"))).result())
                .isEqualTo("-a-b-");
    }

    @Test
    void rawQuotesKeepQuoteCharacters() {
        assertThat(BACKSLASH.withRawQuotes(true).processWord("'a' \"$X\"", ENV).result()).isEqualTo("'a' \"v\"");
    }

    @Test
    void rawEscapesKeepEscapeCharacters() {
        ShellLexer raw = BACKSLASH.withRawEscapes(true);
        assertThat(raw.processWord("a\\$X", ENV).result()).isEqualTo("a\\$X");
        assertThat(raw.processWord("\"\\$X\"", ENV).result()).isEqualTo("\\$X");
        // kept raw and then kept literal: BuildKit doubles it
        assertThat(raw.processWord("\"\\t\"", ENV).result()).isEqualTo("\\\\t");
    }

    @Test
    void skipProcessQuotesTreatsQuotesAsText() {
        assertThat(BACKSLASH.withSkipProcessQuotes(true).processWord("'$X' \"$X\"", ENV).result())
                .isEqualTo("'v' \"v\"");
    }

    @Test
    void skipUnsetEnvLeavesUnsetReferencesAsWritten() {
        // when
        Expansion e = BACKSLASH.withSkipUnsetEnv(true)
                .processWord("$A ${B} ${C:-d$X} ${D/x/y} ${E//x/y} $X", ENV);

        // then: // is written back as / (as BuildKit does)
        assertThat(e.result()).isEqualTo("$A ${B} ${C:-dv} ${D/x/y} ${E/x/y} v");
        assertThat(e.unmatched()).containsExactly("A", "B", "C", "D", "E");
    }

    @Test
    void reportsSpecialAndPositionalNamesAsUnmatched() {
        Expansion e = BACKSLASH.processWord("$@ ${001} $$ $# $X", ENV);
        assertThat(e.result()).isEqualTo("    v");
        assertThat(e.unmatched()).containsExactly("@", "001", "$", "#");
        assertThat(e.matched()).containsExactly("X");
    }

    @Test
    void recordsNamesInTheOrderTheyAreLookedUp() {
        // the word inside ${...} is expanded before the variable itself is looked up
        Expansion e = BACKSLASH.processWord("${A:-$B}${C}", ENV);
        assertThat(e.unmatched()).containsExactly("B", "A", "C");
    }

    @Test
    void readsUnicodeNamesAndValues() {
        ShellEnv env = ShellEnv.of(Map.of("ÜBER_1", "ü", "名前", "値"));
        assertThat(BACKSLASH.processWord("$ÜBER_1-$名前.", env).result()).isEqualTo("ü-値.");
    }

    @ParameterizedTest(name = "[{0}] fails at {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "he${PWD          | 7  | syntax error: missing '}'",
        "${}              | 2  | syntax error: bad substitution",
        "${:-x}           | 2  | syntax error: bad substitution",
        "${{a}            | 2  | syntax error: bad substitution",
        "${a:=x}          | 7  | unsupported modifier (:=) in substitution",
        "${a=x}           | 4  | unsupported modifier (=) in substitution",
        "${a:#x}          | 5  | unsupported modifier (:#) in substitution",
        "${.}             | 3  | unsupported modifier (.) in substitution",
        "'abc             | 4  | unexpected end of statement while looking for matching single-quote",
        "\"abc            | 4  | unexpected end of statement while looking for matching double-quote",
        "\"abc\\\"        | 6  | unexpected end of statement while looking for matching double-quote",
        "${a:-x           | 6  | syntax error: missing '}'",
        "${a:-\"x}        | 8  | syntax error: missing '}'",
        "${a/x}           | 6  | syntax error: missing '/' in ${}",
        "${a/x/y          | 7  | syntax error: missing '}'",
        "${X#\\x}         | 7  | invalid pattern (\\x) in substitution: invalid escape '\\x'",
        "${NONE:?}        | 9  | NONE: is not allowed to be unset",
        "${EMPTY:?}       | 10 | EMPTY: is not allowed to be empty",
        "${NONE?go away}  | 15 | NONE: go away",
    })
    void reportsMalformedWordsWithPosition(String word, int position, String reason) {
        assertThatThrownBy(() -> BACKSLASH.processWord(word, ENV))
                .isInstanceOfSatisfying(ShellExpansionException.class, e -> {
                    assertThat(e.word()).isEqualTo(word);
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e).hasMessage("failed to expand \"" + word + "\" at offset " + position + ": " + reason);
                });
    }

    @Test
    void rejectsOtherEscapeCharacters() {
        assertThatThrownBy(() -> ShellLexer.withEscape('^')).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("escape character must be");
    }

    @Test
    void isImmutable() {
        ShellLexer raw = BACKSLASH.withRawQuotes(true);
        assertThat(BACKSLASH.processWord("'a'", ENV).result()).isEqualTo("a");
        assertThat(raw.processWord("'a'", ENV).result()).isEqualTo("'a'");
        assertThat(BACKTICK.escape()).isEqualTo('`');
        assertThat(ShellLexer.withEscape('\\')).isSameAs(ShellLexer.standard());
    }
}

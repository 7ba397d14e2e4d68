package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellPatternTest {

    @ParameterizedTest(name = "{0} reversed is {1}")
    @CsvSource(delimiter = '|', value = {
        // from moby/buildkit lex_test.go TestReversePattern (Apache-2.0)
        "a\\*c      | c\\*a",
        "\\\\\\ab   | b\\a\\\\",
        "ab\\       | \\ba",
        "👽\\🚀🖖   | 🖖\\🚀👽",
        "\\\\b      | b\\\\",
    })
    void reversesKeepingEscapesInFront(String pattern, String reversed) {
        assertThat(ShellPattern.reverse(pattern)).isEqualTo(reversed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\", "\\x", "\\\\\\", "a\\b"})
    void rejectsEscapesOfOrdinaryCharacters(String pattern) {
        assertThatThrownBy(() -> ShellPattern.compile(pattern)).isInstanceOf(ShellPattern.SyntaxException.class)
                .hasMessageStartingWith("invalid escape");
    }

    @ParameterizedTest(name = "{0} on {1}: shortest {2}, longest {3}")
    @CsvSource(delimiter = '|', value = {
        "*        | abc   | 0  | 3",
        "?        | abc   | 1  | 1",
        "a*c      | abcbc | 3  | 5",
        "*b       | abcbc | 2  | 4",
        "x*       | abc   | -1 | -1",
        "\\*      | *a    | 1  | 1",
        "[a]      | [a]   | 3  | 3",
        "a\\}     | a}    | 2  | 2",
        "a\\/b    | a/b   | 3  | 3",
        "(.)^$+{  | (.)^$+{x | 7 | 7",
    })
    void matchesAtTheStart(String pattern, String text, int shortest, int longest) throws Exception {
        ShellPattern compiled = ShellPattern.compile(pattern);
        int[] cps = text.codePoints().toArray();
        assertThat(compiled.matchPrefix(cps, false)).isEqualTo(shortest);
        assertThat(compiled.matchPrefix(cps, true)).isEqualTo(longest);
    }

    @ParameterizedTest(name = "{0} in {1} from {2}: [{3}, {4})")
    @CsvSource(delimiter = '|', value = {
        "b*     | abcb  | 0 | 1  | 4",
        "b*     | abcb  | 2 | 3  | 4",
        "*      | abc   | 3 | 3  | 3",
        "?x     | axbx  | 1 | 2  | 4",
        "c*b    | abc   | 0 | -1 | -1",
        "a*a*a  | xaaaaax | 0 | 1 | 6",
    })
    void findsTheLeftmostLongestMatch(String pattern, String text, int from, int start, int end) throws Exception {
        int[] found = ShellPattern.compile(pattern).find(text.codePoints().toArray(), from);
        if (start < 0) {
            assertThat(found).isNull();
        } else {
            assertThat(found).containsExactly(start, end);
        }
    }

    @Test
    void replacesLikeGoReplaceAllString() throws Exception {
        assertThat(ShellOperators.replaceAll(ShellPattern.compile(""), "xxyy", "-")).isEqualTo("-x-x-y-y-");
        assertThat(ShellOperators.replaceAll(ShellPattern.compile("*"), "abc", "-")).isEqualTo("-");
        assertThat(ShellOperators.replaceAll(ShellPattern.compile("x"), "axbx", "[$0|${0}|$$|$1|${x}|${|$]")).isEqualTo(
                "a[x|x|$|||${|$]b[x|x|$|||${|$]");
        assertThat(ShellOperators.replaceFirst(ShellPattern.compile("x"), "axbx", "[$0]")).isEqualTo("a[$0]bx");
        assertThat(ShellOperators.replaceAll(ShellPattern.compile("🚀"), "a🚀b🚀", "-")).isEqualTo("a-b-");
    }

    @Test
    void dropsALeadingByteOrderMark() throws Exception {
        assertThat(ShellPattern.compile("\uFEFFa").matchPrefix("ab".codePoints().toArray(), false)).isEqualTo(1);
    }
}

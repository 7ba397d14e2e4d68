package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RE2 subset under the ignore patterns, exercised directly. */
class PatternRegexTest {

    @ParameterizedTest(name = "/{0}/ on [{1}]: {2}")
    @CsvSource(delimiter = '\t', quoteCharacter = '~', value = {
        "^\\x41$	A	true",
        "^\\x{1F600}$	😀	true",
        "^\\101$	A	true",
        "^\\0$	<NUL>	true",
        "^a\\Q.*\\E.$	a.*b	true",
        "^a\\Q.*$	a.*$	true",
        "^[[:^digit:]]$	x	true",
        "^[[:^digit:]]$	5	false",
        "^\\pL\\PL$	é1	true",
        "^\\p{^L}$	1	true",
        "^\\p{Greek}$	λ	true",
        "^\\p{Lu}$	a	false",
        "^(a|bc)+d$	abcad	true",
        "^(a|bc)+d$	d	false",
        "\\bfoo\\b	a foo b	true",
        "\\bfoo\\b	afoo	false",
        "a\\Bb	ab	true",
        "^.$	<LF>	false",
        "^[^a]$	<LF>	true",
        "^\\s$	<VT>	false",
        "^[\\d\\-x]+$	1-x2	true",
        "^[a-c\\]]*$	ab]c	true",
        "^a*?b$	aab	true",
        "b	abc	true",
        "^b	abc	false",
        "c\\z	abc	true",
        "\\Ab	abc	false",
        "^(.*/)?x$	a/b/x	true",
        "^(.*/)?x$	a<LF>b/x	false",
        "^[^/]*$	a<LF>b	true",
    })
    void matchesLikeGoRegexp(String regex, String textWithMarkers, boolean found) throws Exception {
        String text = textWithMarkers.replace("<NUL>", "\u0000").replace("<LF>", "\n").replace("<VT>", "\u000B");
        assertThat(PatternRegex.compile(regex).find(text)).isEqualTo(found);
    }

    @ParameterizedTest(name = "/{0}/: {1}")
    @CsvSource(delimiter = '\t', value = {
        "a**	invalid nested repetition operator",
        "*a	missing argument to repetition operator",
        "(*a)	missing argument to repetition operator",
        "(a	missing closing )",
        "a)	unexpected ): a)",
        "\\1	invalid escape sequence: \\1",
        "\\xZ1	invalid escape sequence: \\xZ1",
        "\\x{}	invalid escape sequence: \\x{}",
        "\\x{110000}	invalid escape sequence: \\x{110000",
        "\\e	invalid escape sequence: \\e",
        "\\é	invalid escape sequence: \\é",
        "[a	missing closing ]: [a",
        "[b-a]	invalid character class range: b-a",
        "[[:nope:]]	invalid character class range: [:nope:]",
        "\\p{Nope}	invalid character class range: \\p{Nope}",
        "\\p{Greek	invalid character class range: \\p{Greek",
        "a\\	trailing backslash at end of expression",
        "(?i)a	unsupported group syntax (?",
    })
    void rejectsWhatGoRejects(String regex, String reason) {
        assertThatThrownBy(() -> PatternRegex.compile(regex)).isInstanceOf(PatternRegexParser.SyntaxException.class)
                .hasMessage(reason);
    }
}

package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTextTest {

    @Test
    void quotesLikeStrconvQuote() {
        assertThat(GoText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoText.quote("\u0007\b\f\n\r\t\u000b")).isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\"");
        assertThat(GoText.quote("\u0000\u001f\u007f")).isEqualTo("\"\\x00\\x1f\\x7f\"");
        assertThat(GoText.quote("\u00a0\u00ad\u2028\ufeff")).isEqualTo("\"\\u00a0\\u00ad\\u2028\\ufeff\"");
        assertThat(GoText.quote("\u00e9\u2665\u2603 \ud83d\ude00")).isEqualTo("\"\u00e9\u2665\u2603 \ud83d\ude00\"");
        assertThat(GoText.quote("\udb40\udc01")).isEqualTo("\"\\U000e0001\"");
        assertThat(GoText.quoteList(List.of("--a", "b c"))).isEqualTo("[\"--a\" \"b c\"]");
    }

    @Test
    void knowsGosWhiteSpace() {
        assertThat(" \t\n\u000b\f\r\u0085\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000".chars()
                .allMatch(GoText::isSpace)).isTrue();
        assertThat("\u200b\ufeffx\u0000".chars().noneMatch(GoText::isSpace)).isTrue();
        assertThat(GoText.trimSpace("\u00a0 x y \u3000")).isEqualTo("x y");
    }

    @ParameterizedTest
    @CsvSource({"Σ, σ", "İ, i", "RUN, run"})
    void lowersOneCodePointAtATime(String in, String out) {
        assertThat(GoText.toLower(in)).isEqualTo(out);
    }

    @Test
    void splitsOnBlanksOnly() {
        assertThat(GoText.splitBlank("a \t\u000b\f\rb\u00a0c")).containsExactly("a", "b\u00a0c");
        assertThat(GoText.splitBlankOnce("k  v  w")).containsExactly("k", "v  w");
    }

    @Test
    void suggestsTheClosestOptionUnderDistanceThree() {
        assertThat(Suggestions.search("FORM", InstructionParser.NAMES, false)).contains("FROM");
        assertThat(Suggestions.search("Workdr", InstructionParser.NAMES, false)).contains("workdir");
        assertThat(Suggestions.search("xyz", InstructionParser.NAMES, false)).isEmpty();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("\ud83d\ude00a", "a")).isEqualTo(1);
    }
}

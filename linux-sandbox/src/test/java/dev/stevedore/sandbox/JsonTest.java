package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {
    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("null", Json.NULL),
                Arguments.of(" true ", new Json.Bool(true)),
                Arguments.of("false", new Json.Bool(false)),
                Arguments.of("\"\"", new Json.Str("")),
                Arguments.of("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", new Json.Str("a\"b\\c/d\b\f\n\r\t")),
                Arguments.of("\"\\u00e9\\u4E2D\"", new Json.Str("é中")),
                Arguments.of("\"\\ud83d\\ude00\"", new Json.Str("😀")),
                Arguments.of("\"😀 raw\"", new Json.Str("😀 raw")),
                Arguments.of("0", num("0")),
                Arguments.of("-0", num("-0")),
                Arguments.of("42", num("42")),
                Arguments.of("-17", num("-17")),
                Arguments.of("3.25", num("3.25")),
                Arguments.of("1e3", num("1e3")),
                Arguments.of("-2.5E-2", num("-2.5E-2")),
                Arguments.of("18446744073709551615", num("18446744073709551615")),
                Arguments.of("[]", new Json.Arr(List.of())),
                Arguments.of("[1, \"a\", null]", new Json.Arr(List.of(num("1"), new Json.Str("a"), Json.NULL))),
                Arguments.of("{}", new Json.Obj(Map.of())),
                Arguments.of("\t{\r\n\"a\" : [ {\"b\": {}} ] }\n",
                        new Json.Obj(Map.of("a", new Json.Arr(List.of(new Json.Obj(Map.of("b", new Json.Obj(Map.of())))))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void readsEveryKindOfValue(String text, Json expected) {
        // when
        Json value = Json.parse(text);

        // then
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void keepsObjectMembersInDocumentOrderAndFrozen() {
        // when
        Json.Obj obj = Json.parse("{\"z\": 1, \"a\": 2, \"m\": null}").asObject();

        // then
        assertThat(obj.members().keySet()).containsExactly("z", "a", "m");
        assertThat(obj.get("m")).contains(Json.NULL);
        assertThat(obj.get("missing")).isEmpty();
        assertThatThrownBy(() -> obj.members().put("b", Json.NULL)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void offersTypedAccess() {
        // given
        Json.Obj obj = Json.parse("{\"s\": \"x\", \"n\": 7, \"b\": true, \"l\": [1]}").asObject();

        // when / then
        assertThat(obj.get("s").orElseThrow().asString()).isEqualTo("x");
        assertThat(obj.get("n").orElseThrow().asNumber().longValueExact()).isEqualTo(7);
        assertThat(obj.get("b").orElseThrow().asBoolean()).isTrue();
        assertThat(obj.get("l").orElseThrow().asArray().items()).hasSize(1);
        assertThat(obj.get("l").orElseThrow().kind()).isEqualTo("array");
        assertThatThrownBy(() -> obj.get("s").orElseThrow().asNumber()).isInstanceOf(ClassCastException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0                       | 0
            9223372036854775807     | 9223372036854775807
            -9223372036854775808    | -9223372036854775808
            1e3                     | 1000
            2.50e1                  | 25
            """)
    void convertsIntegersExactly(String text, long expected) {
        // when
        long value = Json.parse(text).asNumber().longValueExact();

        // then
        assertThat(value).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"9223372036854775808", "-9223372036854775809", "1.5", "1e-1", "1e999999999", "1e-999999999"})
    void refusesNumbersThatAreNotLongs(String text) {
        // given
        Json.Num num = Json.parse(text).asNumber();

        // when / then
        assertThatThrownBy(num::longValueExact).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0                       | 0
            4294967295              | 4294967295
            9223372036854775808     | -9223372036854775808
            18446744073709551615    | -1
            """)
    void convertsUnsigned64BitIntegersToTheirBits(String text, long bits) {
        // when
        long value = Json.parse(text).asNumber().unsignedLongValueExact();

        // then
        assertThat(value).isEqualTo(bits);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"18446744073709551616", "-1", "0.5", "1e999999999"})
    void refusesNumbersThatAreNotUnsigned64BitIntegers(String text) {
        // given
        Json.Num num = Json.parse(text).asNumber();

        // when / then
        assertThatThrownBy(num::unsignedLongValueExact).isInstanceOf(ArithmeticException.class);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "expected a value but found end of input at line 1, column 1"),
                Arguments.of("   ", "expected a value but found end of input at line 1, column 4"),
                Arguments.of("{", "expected a string key or '}' but found end of input at line 1, column 2"),
                Arguments.of("{\"a\": 1", "expected ',' or '}' but found end of input at line 1, column 8"),
                Arguments.of("[1, 2", "expected ',' or ']' but found end of input at line 1, column 6"),
                Arguments.of("[1,]", "expected a value but found ']' at line 1, column 4"),
                Arguments.of("[1 2]", "expected ',' or ']' but found '2' at line 1, column 4"),
                Arguments.of("{\"a\": 1,}", "expected a string key but found '}' at line 1, column 9"),
                Arguments.of("{\"a\" 1}", "expected ':' but found '1' at line 1, column 6"),
                Arguments.of("{\"a\": 1 \"b\": 2}", "expected ',' or '}' but found '\"' at line 1, column 9"),
                Arguments.of("{a: 1}", "expected a string key or '}' but found 'a' at line 1, column 2"),
                Arguments.of("{\"a\": 1, \"a\": 2}", "duplicate key \"a\" at line 1, column 10"),
                Arguments.of("'a'", "expected a value but found ''' at line 1, column 1"),
                Arguments.of("tru", "expected a value but found 't' at line 1, column 1"),
                Arguments.of("nul", "expected a value but found 'n' at line 1, column 1"),
                Arguments.of("NaN", "expected a value but found 'N' at line 1, column 1"),
                Arguments.of("+1", "expected a value but found '+' at line 1, column 1"),
                Arguments.of("01", "leading zero in a number at line 1, column 1"),
                Arguments.of("-01", "leading zero in a number at line 1, column 1"),
                Arguments.of("-", "expected a digit but found end of input at line 1, column 2"),
                Arguments.of("1.", "expected a digit but found end of input at line 1, column 3"),
                Arguments.of(".5", "expected a value but found '.' at line 1, column 1"),
                Arguments.of("1e", "expected a digit but found end of input at line 1, column 3"),
                Arguments.of("1e+x", "expected a digit but found 'x' at line 1, column 4"),
                Arguments.of("1e99999999999", "number out of range at line 1, column 1"),
                Arguments.of("\"abc", "unterminated string at line 1, column 1"),
                Arguments.of("\"abc\\", "unterminated string at line 1, column 1"),
                Arguments.of("\"a\\x\"", "invalid escape \\x at line 1, column 3"),
                Arguments.of("\"a\\u12\"", "invalid \\u escape, expected 4 hex digits at line 1, column 3"),
                Arguments.of("\"\\u12g4\"", "invalid \\u escape, expected 4 hex digits at line 1, column 2"),
                Arguments.of("\"\\ud800\"", "lone surrogate \\uD800 in a string at line 1, column 2"),
                Arguments.of("\"\\ud800\\u0041\"", "lone surrogate \\uD800 in a string at line 1, column 2"),
                Arguments.of("\"\\udc00\"", "lone surrogate \\uDC00 in a string at line 1, column 2"),
                Arguments.of("\"a\nb\"", "unescaped control character U+000A in a string at line 1, column 3"),
                Arguments.of("\"a\tb\"", "unescaped control character U+0009 in a string at line 1, column 3"),
                Arguments.of("{} x", "unexpected 'x' after the document at line 1, column 4"),
                Arguments.of("1 2", "unexpected '2' after the document at line 1, column 3"),
                Arguments.of("[1] // comment", "unexpected '/' after the document at line 1, column 5"),
                Arguments.of("\u00a0{}", "expected a value but found '\u00a0' at line 1, column 1"),
                Arguments.of("{\n  \"a\": [1,\n    2,,\n  ]\n}", "expected a value but found ',' at line 3, column 7"),
                Arguments.of("[\n\n\u0001]", "expected a value but found U+0001 at line 3, column 1"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("malformed")
    void rejectsMalformedInputNamingLineAndColumn(String text, String message) {
        // when / then
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(JsonException.class)
                .hasMessage(message);
    }

    @Test
    void reportsThePositionApartFromTheProblem() {
        // when
        JsonException e = catchJson("{\n\"a\": tru }");

        // then
        assertThat(e.problem()).isEqualTo("expected a value but found 't'");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(6);
        assertThat(e).isInstanceOf(SandboxException.class);
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        // given
        String text = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);

        // when
        Json value = Json.parse(text);

        // then
        assertThat(value.kind()).isEqualTo("array");
    }

    @Test
    void rejectsNestingBeyondTheLimitWithoutOverflowingTheStack() {
        // given
        String text = "[{\"a\":".repeat(100_000);

        // when / then
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(JsonException.class)
                .hasMessage("nesting deeper than 256 levels at line 1, column 769");
    }

    private static JsonException catchJson(String text) {
        try {
            Json.parse(text);
        } catch (JsonException e) {
            return e;
        }
        throw new AssertionError("no error for " + text);
    }

    private static Json.Num num(String literal) {
        return new Json.Num(new BigDecimal(literal));
    }
}

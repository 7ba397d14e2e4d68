package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The exec-form rule: Go's JSON decoder deciding; vectors from BuildKit's json_test.go and Go's rules. */
class JsonArrayTest {

    static Stream<Arguments> arrays() {
        return Stream.of(
                arguments("[]", List.of()),
                arguments("[\"\"]", List.of("")),
                arguments("[\"a\"]", List.of("a")),
                arguments("[\"a\",\"b\"]", List.of("a", "b")),
                arguments("[ \"a\", \"b\" ]", List.of("a", "b")),
                arguments("[\t\"a\",\t\"b\"\t]", List.of("a", "b")),
                arguments("\t[\t\"a\",\t\"b\"\t]\t\r\n ", List.of("a", "b")),
                arguments("[\"abc 123\", \"\u2665\", \"\u2603\", \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000\"]",
                        List.of("abc 123", "\u2665", "\u2603", "\" \\ / \b \f \n \r \t \u0000")),
                arguments("[\"\\ud83d\\ude00\", \"\\ud83d\", \"\\ude00x\", \"\\u00E9\"]",
                        List.of("\ud83d\ude00", "\ufffd", "\ufffdx", "\u00e9")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void decodesArraysOfStrings(String json, List<String> expected) {
        assertThat(JsonArray.parse(json)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"a\",42,\"b\"]", "[\"a\",123.456,\"b\"]", "[\"a\",{},\"b\"]", "[\"a\",{\"c\": \"d\"},\"b\"]",
        "[\"a\",[\"c\"],\"b\"]", "[\"a\",true,\"b\"]", "[\"a\",false,\"b\"]", "[\"a\",null,\"b\"]", "[-0.5e+7]"})
    void rejectsValidJsonThatIsNotAnArrayOfStrings(String json) {
        assertThatThrownBy(() -> JsonArray.parse(json)).isInstanceOf(DockerfileException.class)
                .hasMessage(JsonArray.NOT_STRING_ARRAY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "['a']", "[\"a\"", "[\"a\",]", "[\"a\"] x", "[\"a\"][]", "[\"\t\"]", "[\"\\x\"]",
        "[\"\\u12\"]", "[01]", "[1.]", "[.5]", "[+1]", "[1e]", "[\u000b\"a\"]", "[\"a\" \"b\"]", "[{\"a\" 1}]",
        "[{1: 2}]", "[tru]", "[nul]", "{\"a\": 1}"})
    void treatsEverythingElseAsShellForm(String text) {
        assertThat(JsonArray.parse(text)).isEmpty();
    }

    @Test
    void treatsNestingBeyondGosLimitAsShellForm() {
        assertThat(JsonArray.parse("[".repeat(10_001) + "]".repeat(10_001))).isEmpty();
        assertThatThrownBy(() -> JsonArray.parse("[".repeat(10_000) + "]".repeat(10_000)))
                .hasMessage(JsonArray.NOT_STRING_ARRAY);
    }

    @Test
    void encodesStringsSoThatTheyDecodeBack() {
        // given
        List<String> values = List.of("a\"b\\c", "\n\t\u0001\u007f", "\u2028", "\ud83d\ude00", "");

        // when
        String json = JsonArray.encode(values);

        // then
        assertThat(JsonArray.parse(json)).contains(values);
    }
}

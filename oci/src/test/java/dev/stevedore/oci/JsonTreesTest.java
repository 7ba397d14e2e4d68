package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTreesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "null", "true", "\"x\"", "0", "-1", "2147483647", "2147483648", "-9223372036854775808",
        "9223372036854775808", "123456789012345678901234567890", "1.5", "-0.0", "1e3", "1.0E-7", "3.141592653589793",
        "{\"a\":[1,2.5,{\"b\":null,\"c\":false}],\"d\":\"\\u00e9\\n\\t\\\"q\\\" \\u2028 \\ud83d\\ude00\",\"e\":{}}",
        "  {\"created\":\"2024-01-01T00:00:00Z\",\"config\":{\"Env\":[\"PATH=/usr/bin\"],\"Labels\":{\"k\":\"v\"}}}  ",
        "{\"a\":1,\"a\":2}"
    })
    void readsTheTreesAMapperReadsAndWritesTheSameBytes(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNode expected = MAPPER.readTree(bytes);

        JsonNode actual = JsonTrees.read(bytes, JsonTrees.Reading.LENIENT);

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        assertThat(JsonTrees.write(actual)).isEqualTo(MAPPER.writeValueAsBytes(expected));
        assertThat(JsonTrees.read(json, JsonTrees.Reading.LENIENT)).isEqualTo(expected);
    }

    @Test
    void writesNodesMadeInCodeAsAMapperDoes() throws Exception {
        var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("i", 1).put("l", 1L << 40).put("d", 0.1).put("f", 1.25f).put("s", (short) 7)
                .put("b", new java.math.BigDecimal("1.10")).put("n", (String) null).put("t", "<>&'");
        o.putArray("a").add(java.math.BigInteger.TEN.pow(30)).add(true);

        assertThat(JsonTrees.write(o)).isEqualTo(MAPPER.writeValueAsBytes(o));
    }

    @Test
    void refusesDuplicatesAndTrailingContentWhenAskedTo() throws Exception {
        byte[] duplicate = "{\"os\":\"linux\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] trailing = "{\"a\":1} {\"b\":2}".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonTrees.read(duplicate, JsonTrees.Reading.LENIENT).get("os").asText()).isEqualTo("linux");
        assertThatThrownBy(() -> JsonTrees.read(duplicate, JsonTrees.Reading.NO_DUPLICATES))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'os'");
        assertThat(JsonTrees.read(trailing, JsonTrees.Reading.NO_DUPLICATES).get("a").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> JsonTrees.read(trailing, JsonTrees.Reading.STRICT))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> JsonTrees.read("{\"a\":".getBytes(StandardCharsets.UTF_8), JsonTrees.Reading.STRICT))
                .isInstanceOf(JsonParseException.class);
        assertThat(JsonTrees.read(" \n ".getBytes(StandardCharsets.UTF_8), JsonTrees.Reading.STRICT).isMissingNode())
                .isTrue();
    }
}

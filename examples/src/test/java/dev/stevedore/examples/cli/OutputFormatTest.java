package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputFormatTest {
    private static final Map<String, String> HEADERS = new LinkedHashMap<>();
    private static final List<Map<String, String>> ROWS = List.of(row("4f2a9c1d0b3e", "web"), row("0b3e4f2a9c1d", "db"));

    static {
        HEADERS.put("ID", "CONTAINER ID");
        HEADERS.put("Names", "NAMES");
    }

    private static Map<String, String> row(String id, String name) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("ID", id);
        r.put("Names", name);
        return r;
    }

    @Test
    void printsFieldsAndTextPerRow() {
        assertThat(OutputFormat.parse("{{.Names}}: {{.ID}}").render(HEADERS, ROWS))
                .isEqualTo("web: 4f2a9c1d0b3e\ndb: 0b3e4f2a9c1d\n");
    }

    @Test
    void alignsATableUnderItsHeaders() {
        assertThat(OutputFormat.parse("table {{.Names}}\\t{{.ID}}").render(HEADERS, ROWS))
                .isEqualTo("NAMES     CONTAINER ID\nweb       4f2a9c1d0b3e\ndb        0b3e4f2a9c1d\n");
    }

    @Test
    void printsARowAsJsonWithSortedKeys() {
        assertThat(OutputFormat.parse("{{json .}}").render(HEADERS, ROWS.subList(0, 1)))
                .isEqualTo("{\"ID\":\"4f2a9c1d0b3e\",\"Names\":\"web\"}\n");
        assertThat(OutputFormat.parse("{{json .Names}}").render(HEADERS, ROWS.subList(0, 1))).isEqualTo("\"web\"\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{range .}}x{{end}}", "{{.Names | upper}}", "{{if .ID}}y{{end}}", "{{index .Labels \"a\"}}"})
    void refusesTemplatesOutsideTheSubset(String format) {
        assertThatThrownBy(() -> OutputFormat.parse(format)).isInstanceOf(OutputFormat.FormatException.class)
                .hasMessageContaining("Stevedore 0.1 supports {{.Field}}, {{json .}}, {{json .Field}}");
    }

    @Test
    void namesTheKnownFieldsWhenOneIsUnknown() {
        assertThatThrownBy(() -> OutputFormat.parse("{{.Nope}}").render(HEADERS, ROWS))
                .hasMessage("template: can't evaluate field Nope (fields: ID, Names)");
    }
}

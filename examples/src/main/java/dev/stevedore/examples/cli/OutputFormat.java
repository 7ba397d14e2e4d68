package dev.stevedore.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --format} subset of Go templates Stevedore 0.1 understands: literal text,
 * {@code {{.Field}}}, {@code {{json .}}}, {@code {{json .Field}}}, the {@code table} prefix
 * (a header row, columns aligned as {@link TabWriter}) and the escapes {@code \t} and
 * {@code \n}. Anything else in braces is refused with {@link FormatException}.
 *
 * <pre>{@code OutputFormat.parse("table {{.ID}}\\t{{.Names}}").render(headers, rows)}</pre>
 */
public final class OutputFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean table;
    private final List<Part> parts;

    private OutputFormat(boolean table, List<Part> parts) {
        this.table = table;
        this.parts = List.copyOf(parts);
    }

    /** Raised for a format outside the subset, or naming an unknown field. */
    public static final class FormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    private sealed interface Part permits Text, Field, JsonField, JsonAll {}

    private record Text(String text) implements Part {}

    private record Field(String name) implements Part {}

    private record JsonField(String name) implements Part {}

    private record JsonAll() implements Part {}

    /**
     * Parses a format.
     *
     * @param format such as {@code "table {{.ID}}\t{{.Image}}"} or {@code "{{json .}}"}
     * @return the format
     * @throws FormatException if it uses more than the subset
     */
    public static OutputFormat parse(String format) {
        String f = format;
        boolean table = f.startsWith("table");
        if (table) {
            f = f.substring("table".length());
        }
        f = f.strip().replace("\\t", "\t").replace("\\n", "\n");
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < f.length()) {
            int open = f.indexOf("{{", i);
            if (open < 0) {
                parts.add(new Text(f.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Text(f.substring(i, open)));
            }
            int close = f.indexOf("}}", open);
            if (close < 0) {
                throw new FormatException("template: unclosed action in '" + format + "'");
            }
            parts.add(action(f.substring(open + 2, close).strip(), format));
            i = close + 2;
        }
        return new OutputFormat(table, parts);
    }

    private static Part action(String action, String format) {
        if (action.equals("json .")) {
            return new JsonAll();
        }
        if (action.matches("json \\.[A-Za-z][A-Za-z0-9]*")) {
            return new JsonField(action.substring("json .".length()));
        }
        if (action.matches("\\.[A-Za-z][A-Za-z0-9]*")) {
            return new Field(action.substring(1));
        }
        throw new FormatException("unsupported template action '{{" + action + "}}' in '" + format
                + "': Stevedore 0.1 supports {{.Field}}, {{json .}}, {{json .Field}} and the 'table' prefix");
    }

    /** @return whether it starts with {@code table} */
    public boolean isTable() {
        return table;
    }

    /**
     * Renders rows.
     *
     * @param headers the column header of each field, in the order {@code {{json .}}} prints them
     * @param rows the rows, field name to value
     * @return the text, one line per row (plus the header for a table)
     * @throws FormatException if the format names an unknown field
     */
    public String render(Map<String, String> headers, List<Map<String, String>> rows) {
        for (Part p : parts) {
            String name = p instanceof Field field ? field.name() : p instanceof JsonField jf ? jf.name() : null;
            if (name != null && !headers.containsKey(name)) {
                throw new FormatException("template: can't evaluate field " + name + " (fields: "
                        + String.join(", ", headers.keySet()) + ")");
            }
        }
        List<String> lines = new ArrayList<>();
        if (table) {
            Map<String, String> headerRow = new LinkedHashMap<>(headers);
            lines.add(line(headerRow, true));
        }
        for (Map<String, String> row : rows) {
            lines.add(line(row, false));
        }
        if (table) {
            return TabWriter.align(lines);
        }
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    private String line(Map<String, String> row, boolean header) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                b.append(t.text());
            } else if (p instanceof Field f) {
                b.append(row.getOrDefault(f.name(), ""));
            } else if (p instanceof JsonField f) {
                b.append(header ? row.get(f.name()) : json(row.get(f.name())));
            } else {
                b.append(header ? "" : json(new TreeMap<>(row)));
            }
        }
        return b.toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}

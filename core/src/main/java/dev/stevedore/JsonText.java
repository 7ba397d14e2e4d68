package dev.stevedore;

import java.nio.charset.StandardCharsets;

/**
 * Writes JSON text straight into a buffer, one value after the other: for documents written on
 * every container start, where building a tree first costs more than the document is worth. The
 * caller keeps the structure right; commas go in by themselves.
 *
 * <pre>{@code
 * byte[] json = new JsonText().beginObject().field("id").value(id).field("n").value(3).endObject().bytes();
 * }</pre>
 */
final class JsonText {
    private final StringBuilder out = new StringBuilder(2048);
    /** Whether the next value (or field) in the current object or array needs a comma first. */
    private boolean comma;

    JsonText beginObject() {
        separate();
        out.append('{');
        comma = false;
        return this;
    }

    JsonText endObject() {
        out.append('}');
        comma = true;
        return this;
    }

    JsonText beginArray() {
        separate();
        out.append('[');
        comma = false;
        return this;
    }

    JsonText endArray() {
        out.append(']');
        comma = true;
        return this;
    }

    /** A field name; its value follows. */
    JsonText field(String name) {
        separate();
        string(name);
        out.append(':');
        comma = false;
        return this;
    }

    JsonText value(String s) {
        separate();
        string(s);
        comma = true;
        return this;
    }

    JsonText value(long n) {
        separate();
        out.append(n);
        comma = true;
        return this;
    }

    /** A finite number. */
    JsonText value(double n) {
        if (!Double.isFinite(n)) {
            throw new IllegalArgumentException("not a JSON number: " + n);
        }
        separate();
        out.append(n);
        comma = true;
        return this;
    }

    JsonText value(boolean b) {
        separate();
        out.append(b);
        comma = true;
        return this;
    }

    /** An array of strings. */
    JsonText strings(Iterable<String> values) {
        beginArray();
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    /** The document, UTF-8 encoded. */
    byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (comma) {
            out.append(',');
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * A small JSON writer (objects, arrays, strings, numbers, booleans) with two-space indentation,
 * enough to print the syntax tree for the command line without a JSON library.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private int depth;
    /** Whether the current container already has a member, so the next needs a comma. */
    private boolean[] hasMember = new boolean[16];
    /** Whether a member name was just written, so the value follows on the same line. */
    private boolean pendingName;

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    /** Starts a member of the current object; follow with a value or a container. */
    JsonWriter name(String name) {
        separator();
        JsonArray.appendString(out, name);
        out.append(": ");
        pendingName = true;
        return this;
    }

    JsonWriter value(String value) {
        separator();
        JsonArray.appendString(out, value);
        return this;
    }

    JsonWriter value(long value) {
        separator();
        out.append(value);
        return this;
    }

    JsonWriter value(boolean value) {
        separator();
        out.append(value);
        return this;
    }

    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, Optional<String> value) {
        return value.isPresent() ? field(name, value.get()) : this;
    }

    JsonWriter field(String name, List<String> values) {
        name(name).beginArray();
        values.forEach(this::value);
        return endArray();
    }

    private JsonWriter open(char bracket) {
        separator();
        out.append(bracket);
        depth++;
        if (depth == hasMember.length) {
            hasMember = java.util.Arrays.copyOf(hasMember, depth * 2);
        }
        hasMember[depth] = false;
        return this;
    }

    private JsonWriter close(char bracket) {
        boolean any = hasMember[depth];
        depth--;
        if (any) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    private void separator() {
        if (pendingName) {
            pendingName = false;
            return;
        }
        if (depth > 0) {
            if (hasMember[depth]) {
                out.append(',');
            }
            hasMember[depth] = true;
            newline();
        }
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

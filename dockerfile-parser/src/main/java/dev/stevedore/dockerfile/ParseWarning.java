package dev.stevedore.dockerfile;

import java.util.Objects;

/**
 * Something the parser accepted but BuildKit warns about: an empty line inside a continued
 * instruction (lint rule {@code NoEmptyContinuation}), or a {@code # syntax} that is newer
 * than the pinned frontend or not a version.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse("Dockerfile", "FROM a\nRUN x \\\n\n  y\n");
 * ParseWarning w = df.warnings().get(0);
 * w.kind();     // EMPTY_CONTINUATION
 * w.line();     // 4, the instruction's last line, where BuildKit reports it
 * w.message();  // "Empty continuation line found in: RUN x   y"
 * }</pre>
 *
 * @param kind what the warning is about
 * @param line the 1-based line the warning is about
 * @param message what the parser noticed
 */
public record ParseWarning(Kind kind, int line, String message) {

    /** What a warning is about. */
    public enum Kind {
        /** An empty line between continuation lines; BuildKit's {@code NoEmptyContinuation}. */
        EMPTY_CONTINUATION,
        /** A {@code # syntax} directive newer than the pinned frontend, or not a plain version. */
        SYNTAX_VERSION
    }

    /**
     * Checks the parts.
     *
     * @param kind what the warning is about
     * @param line the 1-based line the warning is about
     * @param message what the parser noticed
     * @throws IllegalArgumentException if the line is negative
     */
    public ParseWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }
}

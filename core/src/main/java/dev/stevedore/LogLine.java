package dev.stevedore;

import java.time.Instant;
import java.util.List;

/**
 * One line a container wrote, from its json-file log.
 *
 * <pre>{@code
 * for (LogLine line : container.logs()) {
 *     System.out.print(line.stream() + ": " + line.text());
 * }
 * }</pre>
 *
 * @param stream where it was written
 * @param time when the engine read it
 * @param text the line, with its trailing newline when it had one
 */
public record LogLine(Stream stream, Instant time, String text) {
    /** Where a line was written. */
    public enum Stream {
        /** Standard output. */
        STDOUT,
        /** Standard error. */
        STDERR
    }

    /**

     * Requires every field.

     *

     * @param stream where it was written

     * @param time when the engine read it

     * @param text the line, with its trailing newline when it had one

     */

    public LogLine {
        if (stream == null || time == null || text == null) {
            throw new IllegalArgumentException("stream, time and text are required");
        }
    }

    /**
     * The lines' text, concatenated in order.
     *
     * @param lines log lines
     * @return their text
     */
    public static String text(List<LogLine> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l.text()));
        return b.toString();
    }
}

package dev.stevedore.dockerfile;

import java.util.OptionalInt;

/**
 * The root of every error this module reports about a Dockerfile or an ignore file.
 *
 * <p>A parse error knows the input's name, the 1-based line, where possible the 1-based
 * column, and the text of the offending line; {@link #getMessage()} puts them together:
 *
 * <pre>{@code
 * try {
 *     Dockerfile.parse("Dockerfile", "FORM alpine\n");
 * } catch (DockerfileException e) {
 *     e.getMessage();  // "Dockerfile:1:1: unknown instruction: FORM (did you mean FROM?)"
 *     e.reason();      // "unknown instruction: FORM (did you mean FROM?)"
 *     e.line();        // 1
 *     e.lineText();    // "FORM alpine"
 * }
 * }</pre>
 */
public class DockerfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The input's name, or {@code ""}. */
    private final String fileName;
    /** The 1-based line, or 0. */
    private final int line;
    /** The 1-based column, or 0. */
    private final int column;
    /** The offending line's text, or {@code ""}. */
    private final String lineText;
    /** The problem without its location. */
    private final String reason;
    /** The text the problem is about, used by the parser to find the column; never shown. */
    private final transient String token;

    /**
     * Creates an exception with a message that names the input and the problem, when no
     * line is known.
     *
     * @param message what went wrong, and where
     */
    public DockerfileException(String message) {
        this(message, (Throwable) null);
    }

    /**
     * Creates an exception with a message and the underlying cause, when no line is known.
     *
     * @param message what went wrong, and where
     * @param cause the error that led to this one, or {@code null}
     */
    public DockerfileException(String message, Throwable cause) {
        super(message, cause);
        this.fileName = "";
        this.line = 0;
        this.column = 0;
        this.lineText = "";
        this.reason = message;
        this.token = "";
    }

    /**
     * Creates an exception about one line of an input.
     *
     * @param fileName the input's name, for example {@code "Dockerfile"}
     * @param line the 1-based line number, or 0 when the problem is about no line in particular
     * @param column the 1-based column, if known
     * @param lineText the text of that line, without its line ending ({@code ""} if none)
     * @param reason the problem, without the location, for example {@code "unknown flag: --form"}
     */
    public DockerfileException(String fileName, int line, OptionalInt column, String lineText, String reason) {
        this(fileName, line, column.orElse(0), lineText, reason, "", null);
    }

    DockerfileException(String fileName, int line, int column, String lineText, String reason, String token,
            Throwable cause) {
        super(format(fileName, line, column, reason), cause);
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative: " + line + ":" + column);
        }
        this.fileName = fileName;
        this.line = line;
        this.column = column;
        this.lineText = lineText;
        this.reason = reason;
        this.token = token;
    }

    /** A problem found before its location is known; the parser adds the location. */
    static DockerfileException unlocated(String reason, String token) {
        return new DockerfileException("", 0, 0, "", reason, token == null ? "" : token, null);
    }

    private static String format(String fileName, int line, int column, String reason) {
        StringBuilder message = new StringBuilder();
        if (!fileName.isEmpty()) {
            message.append(fileName);
        }
        if (line > 0) {
            message.append(message.length() > 0 ? ":" : "line ").append(line);
            if (column > 0) {
                message.append(':').append(column);
            }
        }
        if (message.length() > 0) {
            message.append(": ");
        }
        return message.append(reason).toString();
    }

    /**
     * Returns the name of the input the problem is in.
     *
     * @return the name given to the parser, or {@code ""} when the error is about no input
     */
    public String fileName() {
        return fileName;
    }

    /**
     * Returns the 1-based number of the offending line.
     *
     * @return the line number, or 0 when the problem is about no line in particular
     */
    public int line() {
        return line;
    }

    /**
     * Returns the 1-based column of the offending text within {@link #lineText()}, counted in
     * UTF-16 characters.
     *
     * @return the column, or empty when only the line is known
     */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /**
     * Returns the text of the offending line, without its line ending.
     *
     * @return the line, or {@code ""} when no line is known
     */
    public String lineText() {
        return lineText;
    }

    /**
     * Returns the problem without its location, for example {@code "unknown flag: --form"}.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    String token() {
        return token == null ? "" : token;
    }
}

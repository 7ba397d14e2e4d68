package dev.stevedore.sandbox;

/**
 * Malformed JSON: says what was wrong and where, as a 1-based line and column (columns count
 * UTF-16 characters, as Java strings do).
 */
final class JsonException extends SandboxException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int line;
    private final int column;

    JsonException(String problem, int line, int column) {
        super(problem + " at line " + line + ", column " + column);
        this.problem = problem;
        this.line = line;
        this.column = column;
    }

    /** What was wrong, without the position. */
    String problem() {
        return problem;
    }

    /** The 1-based line of the problem. */
    int line() {
        return line;
    }

    /** The 1-based column of the problem. */
    int column() {
        return column;
    }
}

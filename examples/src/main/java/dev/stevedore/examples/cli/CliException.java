package dev.stevedore.examples.cli;

/**
 * A failure a command reports as {@code stevedore: Error: <message>} with an exit code.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}

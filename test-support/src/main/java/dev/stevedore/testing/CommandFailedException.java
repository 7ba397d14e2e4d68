package dev.stevedore.testing;

/**
 * Thrown when an external command a fixture runs ({@code skopeo}, {@code openssl},
 * {@code htpasswd}, ...) exits with a non-zero status or does not finish in time. The
 * message holds the command line, the exit status and the command's stderr.
 *
 * <pre>{@code
 * try {
 *     registry.push(layout, "latest", "app:1");
 * } catch (CommandFailedException e) {
 *     System.err.println(e.stderr());
 * }
 * }</pre>
 */
public final class CommandFailedException extends FixtureException {
    private static final long serialVersionUID = 1L;

    /** The command that failed, passwords masked. */
    private final String commandLine;
    /** Its exit status, or {@link #TIMED_OUT}. */
    private final int exitCode;
    /** What it wrote to stderr. */
    private final String stderr;

    CommandFailedException(String action, String commandLine, int exitCode, String stderr) {
        super("Tried to " + action + " but failed because `" + commandLine + "` "
                + (exitCode == TIMED_OUT ? "did not finish in time" : "exited with status " + exitCode)
                + (stderr.isBlank() ? "" : ":\n" + stderr.strip()));
        this.commandLine = commandLine;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    /** The exit status reported when the command was killed for running too long. */
    public static final int TIMED_OUT = -1;

    /**
     * The command line that failed, words separated by spaces.
     *
     * @return the command line
     */
    public String commandLine() {
        return commandLine;
    }

    /**
     * The command's exit status, or {@link #TIMED_OUT} if it was killed for running too long.
     *
     * @return the exit status
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Everything the command wrote to its standard error.
     *
     * @return the command's stderr, possibly empty
     */
    public String stderr() {
        return stderr;
    }
}

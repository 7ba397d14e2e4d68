package dev.stevedore;

/**
 * How a command run in a container with {@link Container#exec} ended, with its output decoded
 * as UTF-8 (malformed bytes become U+FFFD).
 *
 * <pre>{@code
 * ExecResult r = container.exec("cat", "/etc/hostname");
 * assert r.success() : r.stderr();
 * String name = r.stdout().trim();
 * }</pre>
 *
 * @param exitCode its exit code (127 when the command was not found, 128+N when killed by signal N)
 * @param stdout what it wrote to stdout
 * @param stderr what it wrote to stderr
 */
public record ExecResult(int exitCode, String stdout, String stderr) {
    /**
     * Requires the output.
     *
     * @param exitCode its exit code (127 when the command was not found, 128+N when killed by signal N)
     * @param stdout what it wrote to stdout
     * @param stderr what it wrote to stderr
     */
    public ExecResult {
        if (stdout == null || stderr == null) {
            throw new IllegalArgumentException("stdout and stderr must not be null");
        }
    }

    /**
     * @return whether it exited with 0
     */
    public boolean success() {
        return exitCode == 0;
    }
}

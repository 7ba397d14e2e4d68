package dev.stevedore;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A build failed: the message names the step ({@code [build 2/4] RUN make}), the Dockerfile
 * line, and for a failing {@code RUN} its command, exit code and last output lines.
 *
 * <pre>{@code
 * try {
 *     engine.images().build(dir).tag("app:1").build();
 * } catch (BuildException e) {
 *     e.step();       // Optional[[stage-0 3/4] RUN make]
 *     e.exitCode();   // OptionalInt[2]
 *     e.lastOutput(); // [make: *** No rule to make target 'all'.  Stop.]
 * }
 * }</pre>
 */
public class BuildException extends StevedoreException {
    private static final long serialVersionUID = 1L;

    private final transient BuildStep step;
    private final int exitCode;
    private final List<String> lastOutput;

    BuildException(String message, Throwable cause) {
        this(Optional.empty(), message, OptionalInt.empty(), List.of(), cause);
    }

    BuildException(BuildStep step, String message, Throwable cause) {
        this(Optional.of(step), message, OptionalInt.empty(), List.of(), cause);
    }

    BuildException(Optional<BuildStep> step, String message, OptionalInt exitCode, List<String> lastOutput,
            Throwable cause) {
        super(message, cause);
        this.step = step.orElse(null);
        this.exitCode = exitCode.orElse(Integer.MIN_VALUE);
        this.lastOutput = List.copyOf(lastOutput);
    }

    /**
     * Returns the step that failed.
     *
     * @return the step, if the failure belongs to one
     */
    public Optional<BuildStep> step() {
        return Optional.ofNullable(step);
    }

    /**
     * Returns the exit code of a failed {@code RUN}.
     *
     * @return the exit code, if a command failed
     */
    public OptionalInt exitCode() {
        return exitCode == Integer.MIN_VALUE ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /**
     * Returns the last lines a failed {@code RUN} printed.
     *
     * @return up to 10 lines, oldest first
     */
    public List<String> lastOutput() {
        return lastOutput;
    }
}

package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command of {@code RUN}, {@code CMD}, {@code ENTRYPOINT} or {@code HEALTHCHECK CMD}:
 * either the shell form (one unparsed script, run with the stage's {@code SHELL}) or the
 * exec form (a JSON array of strings).
 *
 * <p>BuildKit's rule for the exec form: after the flags, the text starts with {@code [} and
 * is valid JSON (Go's decoder, trailing white space allowed). Valid JSON that is not an array
 * of strings is an error; anything else, such as {@code ['a']} or an unclosed bracket, is a
 * shell script.
 *
 * <pre>{@code
 * CommandLine.shell("echo $HOME").toArgv(List.of("/bin/sh", "-c"));  // [/bin/sh, -c, echo $HOME]
 * CommandLine.exec(List.of("echo", "hi")).toArgv(List.of("/bin/sh", "-c"));  // [echo, hi]
 * }</pre>
 *
 * @param arguments for the shell form the script (or nothing); for the exec form the array's strings
 * @param execForm whether the command was written as a JSON array
 */
public record CommandLine(List<String> arguments, boolean execForm) {
    /**
     * Checks the parts.
     *
     * @param arguments for the shell form the script (or nothing); for the exec form the array's strings
     * @param execForm whether the command was written as a JSON array
     * @throws IllegalArgumentException if a shell-form command has more than one argument
     */
    public CommandLine {
        arguments = List.copyOf(arguments);
        if (!execForm && arguments.size() > 1) {
            throw new IllegalArgumentException("a shell-form command is one script, got " + arguments.size());
        }
    }

    /**
     * Returns a shell-form command.
     *
     * @param script the script as written, unexpanded
     * @return the command
     */
    public static CommandLine shell(String script) {
        Objects.requireNonNull(script, "script");
        return new CommandLine(script.isEmpty() ? List.of() : List.of(script), false);
    }

    /**
     * Returns an exec-form command.
     *
     * @param arguments the JSON array's strings
     * @return the command
     */
    public static CommandLine exec(List<String> arguments) {
        return new CommandLine(arguments, true);
    }

    /**
     * Returns whether there is nothing to run ({@code CMD []}, or {@code RUN} alone).
     *
     * @return true if there are no arguments
     */
    public boolean isEmpty() {
        return arguments.isEmpty();
    }

    /**
     * Returns the process arguments: the exec form as is, the shell form after the shell.
     *
     * @param shell the stage's shell, for example {@code [/bin/sh, -c]}
     * @return the argument vector
     */
    public List<String> toArgv(List<String> shell) {
        if (execForm) {
            return arguments;
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(String.join(" ", arguments));
        return List.copyOf(argv);
    }
}

package dev.stevedore.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs an external command to completion with a deadline. Output goes to temp files rather
 * than pipes, so no thread is needed to drain it and a chatty command cannot block.
 */
final class Exec {
    private static final File DEV_NULL = new File("/dev/null");

    private Exec() {}

    /** What a finished command left behind. */
    record Result(String commandLine, int exitCode, String stdout, String stderr) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} with the JVM's environment plus {@code env}. */
    static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        return run(command, environment -> environment.putAll(env), timeout);
    }

    /** Runs {@code command} with the JVM's environment as changed by {@code environment}. */
    static Result run(List<String> command, Consumer<Map<String, String>> environment, Duration timeout) {
        String commandLine = commandLine(command);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("stevedore-exec-", ".out");
            err = Files.createTempFile("stevedore-exec-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            environment.accept(builder.environment());
            Process process = builder.start();
            int exitCode;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exitCode = process.exitValue();
            } else {
                process.destroyForcibly();
                process.waitFor();
                exitCode = CommandFailedException.TIMED_OUT;
            }
            return new Result(commandLine, exitCode, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FixtureException("Tried to run `" + commandLine + "` but failed because: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FixtureException("Interrupted while running `" + commandLine + "`", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Runs {@code command} and returns its stdout.
     *
     * @throws CommandFailedException if it exits non-zero or times out
     */
    static String check(String action, List<String> command, Map<String, String> env, Duration timeout) {
        return check(action, command, environment -> environment.putAll(env), timeout);
    }

    /**
     * Runs {@code command} with the environment as changed by {@code environment} and returns its stdout.
     *
     * @throws CommandFailedException if it exits non-zero or times out
     */
    static String check(String action, List<String> command, Consumer<Map<String, String>> environment,
            Duration timeout) {
        Result result = run(command, environment, timeout);
        if (!result.succeeded()) {
            throw new CommandFailedException(action, result.commandLine(), result.exitCode(), result.stderr());
        }
        return result.stdout();
    }

    /** The command as one line, with passwords in {@code --creds=user:password} style flags masked. */
    static String commandLine(List<String> command) {
        return command.stream()
                .map(word -> word.matches("--[a-z-]*creds=[^:]*:.*") ? word.substring(0, word.indexOf(':') + 1) + "***" : word)
                .collect(Collectors.joining(" "));
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

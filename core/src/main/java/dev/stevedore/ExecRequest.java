package dev.stevedore;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A command to run in a running container, as {@code docker exec}: by default as the
 * container's user, in its working directory, with its environment.
 *
 * <pre>{@code
 * container.exec(ExecRequest.of("id", "-u").withUser("app").withTimeout(Duration.ofSeconds(5)));
 * }</pre>
 *
 * @param cmd the command and its arguments
 * @param env {@code NAME=value} entries over the container's environment
 * @param workdir the working directory, over the container's
 * @param user the user, over the container's
 * @param timeout how long to wait before killing it; empty waits for as long as it takes
 */
public record ExecRequest(List<String> cmd, List<String> env, Optional<String> workdir, Optional<String> user,
        Optional<Duration> timeout) {
    /**
     * Checks the fields.
     *
     * @param cmd the command and its arguments
     * @param env {@code NAME=value} entries over the container's environment
     * @param workdir the working directory, over the container's
     * @param user the user, over the container's
     * @param timeout how long to wait before killing it; empty waits for as long as it takes
     * @throws IllegalArgumentException if the command is empty or an entry is malformed
     */
    public ExecRequest {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        if (cmd.isEmpty() || cmd.get(0).isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        for (String e : env) {
            if (e.indexOf('=') <= 0) {
                throw new IllegalArgumentException("environment entries must look like NAME=value, got \"" + e + "\"");
            }
        }
        workdir.ifPresent(w -> {
            if (!w.startsWith("/")) {
                throw new IllegalArgumentException("exec working directory must be absolute, got \"" + w + "\"");
            }
        });
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("exec timeout must be positive, got " + t);
            }
        });
    }

    /**
     * @param cmd the command and its arguments
     * @return a request with the container's defaults
     */
    public static ExecRequest of(String... cmd) {
        return of(Arrays.asList(cmd));
    }

    /**
     * @param cmd the command and its arguments
     * @return a request with the container's defaults
     */
    public static ExecRequest of(List<String> cmd) {
        return new ExecRequest(cmd, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param entry {@code NAME=value}
     * @return a copy with it added
     */
    public ExecRequest withEnv(String entry) {
        List<String> more = new java.util.ArrayList<>(env);
        more.add(entry);
        return new ExecRequest(cmd, more, workdir, user, timeout);
    }

    /**
     * @param dir the absolute working directory
     * @return a copy
     */
    public ExecRequest withWorkdir(String dir) {
        return new ExecRequest(cmd, env, Optional.of(dir), user, timeout);
    }

    /**
     * @param value the user
     * @return a copy
     */
    public ExecRequest withUser(String value) {
        return new ExecRequest(cmd, env, workdir, Optional.of(value), timeout);
    }

    /**
     * @param value how long before it is killed
     * @return a copy
     */
    public ExecRequest withTimeout(Duration value) {
        return new ExecRequest(cmd, env, workdir, user, Optional.of(value));
    }
}

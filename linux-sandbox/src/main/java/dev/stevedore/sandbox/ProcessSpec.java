package dev.stevedore.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The process a sandbox runs (or an exec adds): arguments, environment, working directory,
 * user, umask, rlimits, and how its stdio is connected.
 *
 * <p>The user is resolved inside the sandbox through its own {@code /etc/passwd} and
 * {@code /etc/group}, as Docker does: {@code "app"}, {@code "app:staff"}, {@code "1000"},
 * {@code "1000:50"}; supplementary groups come from {@code /etc/group}, and {@code HOME} is
 * set from the passwd entry when the environment has none. Without a user the process runs
 * as root.
 *
 * <pre>{@code
 * ProcessSpec.of("sh", "-c", "echo hello")
 *         .withEnv(List.of("PATH=/bin"))
 *         .withUser("app")
 *         .withCwd("/tmp")
 * }</pre>
 *
 * @param args the command and its arguments; the command is looked up in {@code PATH} unless it contains a slash
 * @param env {@code NAME=value} entries
 * @param cwd the absolute working directory, created if missing
 * @param user who to run as, or empty for root
 * @param umask the file-creation mask, or empty for 022
 * @param rlimits resource limits
 * @param stdio how stdin, stdout and stderr are connected
 * @param stdinOpen whether the JVM may write to the process's stdin (otherwise it reads /dev/null)
 */
public record ProcessSpec(List<String> args, List<String> env, String cwd, Optional<String> user, OptionalInt umask,
        List<Rlimit> rlimits, Stdio stdio, boolean stdinOpen) {

    /** Checks every field. */
    public ProcessSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        rlimits = List.copyOf(rlimits);
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("a process needs a command");
        }
        for (String s : args) {
            noNul(s, "argument");
        }
        for (String e : env) {
            noNul(e, "environment entry");
            if (e.indexOf('=') <= 0) {
                throw new IllegalArgumentException("environment entries must look like NAME=value, got \"" + e + "\"");
            }
        }
        if (!cwd.startsWith("/")) {
            throw new IllegalArgumentException("working directory must be absolute, got \"" + cwd + "\"");
        }
        noNul(cwd, "working directory");
        user.ifPresent(u -> {
            noNul(u, "user");
            if (u.isEmpty() || u.startsWith(":") || u.endsWith(":") || u.chars().filter(c -> c == ':').count() > 1) {
                throw new IllegalArgumentException("user must look like name, uid, name:group or uid:gid, got \"" + u + "\"");
            }
        });
        umask.ifPresent(m -> {
            if (m < 0 || m > 0777) {
                throw new IllegalArgumentException("umask must be within 0777, got " + Integer.toOctalString(m));
            }
        });
    }

    /**
     * A process running {@code args} as root in {@code /}, with an empty environment and its
     * output piped to the JVM and the log.
     *
     * @param args the command and its arguments
     * @return the process
     */
    public static ProcessSpec of(String... args) {
        return of(List.of(args));
    }

    /** @param args the command and its arguments @return a process with defaults, as {@link #of(String...)} */
    public static ProcessSpec of(List<String> args) {
        return new ProcessSpec(args, List.of(), "/", Optional.empty(), OptionalInt.empty(), List.of(), Stdio.PIPE, false);
    }

    /** @param newEnv NAME=value entries @return a copy with this environment */
    public ProcessSpec withEnv(List<String> newEnv) {
        return new ProcessSpec(args, newEnv, cwd, user, umask, rlimits, stdio, stdinOpen);
    }

    /** @param entry one more NAME=value entry @return a copy with it appended */
    public ProcessSpec plusEnv(String entry) {
        List<String> more = new ArrayList<>(env);
        more.add(entry);
        return withEnv(more);
    }

    /** @param dir the absolute working directory @return a copy */
    public ProcessSpec withCwd(String dir) {
        return new ProcessSpec(args, env, dir, user, umask, rlimits, stdio, stdinOpen);
    }

    /** @param spec name, uid, name:group or uid:gid @return a copy running as that user */
    public ProcessSpec withUser(String spec) {
        return new ProcessSpec(args, env, cwd, Optional.of(spec), umask, rlimits, stdio, stdinOpen);
    }

    /** @param mask the umask, e.g. {@code 027} @return a copy */
    public ProcessSpec withUmask(int mask) {
        return new ProcessSpec(args, env, cwd, user, OptionalInt.of(mask), rlimits, stdio, stdinOpen);
    }

    /** @param limits resource limits @return a copy */
    public ProcessSpec withRlimits(List<Rlimit> limits) {
        return new ProcessSpec(args, env, cwd, user, umask, limits, stdio, stdinOpen);
    }

    /** @param mode how stdio is connected @return a copy */
    public ProcessSpec withStdio(Stdio mode) {
        return new ProcessSpec(args, env, cwd, user, umask, rlimits, mode, stdinOpen);
    }

    /** @return a copy whose stdin the JVM can write to ({@link Sandbox#stdin()}) */
    public ProcessSpec withStdinOpen() {
        return new ProcessSpec(args, env, cwd, user, umask, rlimits, stdio, true);
    }

    private static void noNul(String s, String what) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not contain NUL: " + s.replace('\0', '?'));
        }
    }
}

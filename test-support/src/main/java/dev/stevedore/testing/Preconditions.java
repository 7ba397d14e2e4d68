package dev.stevedore.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine, checked up front: root, Linux namespaces, a command
 * on the {@code PATH}.
 *
 * <p>When a need is not met the test is skipped with a reason, unless the environment
 * variable {@code STEVEDORE_REQUIRE_SANDBOX=1} is set (CI sets it): then the test fails, so a
 * run cannot go green by skipping.
 *
 * <pre>{@code
 * @Test
 * void mountsTmpfs() {
 *     Preconditions.requiresRoot();
 *     ...
 * }
 * }</pre>
 */
public final class Preconditions {
    /** The environment variable that turns every unmet precondition into a failure. */
    public static final String REQUIRE_ENV = "STEVEDORE_REQUIRE_SANDBOX";

    private static final List<String> NAMESPACES = List.of("pid", "mnt", "uts", "ipc", "net", "cgroup");
    private static volatile Optional<String> sandboxProblem;

    private Preconditions() {}

    /**
     * Whether unmet preconditions fail instead of skipping ({@value #REQUIRE_ENV}=1).
     *
     * @return true in strict mode
     */
    public static boolean strict() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    /**
     * Whether this process runs with effective uid 0, read from {@code /proc/self/status}.
     *
     * @return true when root
     */
    public static boolean isRoot() {
        return effectiveUid() == 0;
    }

    /** Skips the test (or fails it, in strict mode) unless the process runs as root. */
    public static void requiresRoot() {
        if (!isRoot()) {
            unmet("this test needs root (effective uid is " + effectiveUid() + ")");
        }
    }

    /**
     * Skips the test (or fails it, in strict mode) unless the machine can make sandboxes:
     * root, and pid, mount, uts, ipc, net and cgroup namespaces that can actually be created.
     */
    public static void requiresSandbox() {
        requiresRoot();
        Optional<String> problem = sandboxProblem;
        if (problem == null) {
            problem = probeSandbox();
            sandboxProblem = problem;
        }
        problem.ifPresent(Preconditions::unmet);
    }

    /**
     * Skips the test (or fails it, in strict mode) unless {@code command} is on the
     * {@code PATH}; the message names the Debian package that provides it.
     *
     * @param command the executable's name, e.g. {@code "skopeo"}
     * @param debianPackage the package that installs it, e.g. {@code "skopeo"}
     * @return the executable's absolute path
     */
    public static Path requiresCommand(String command, String debianPackage) {
        Optional<Path> found = Commands.find(command);
        if (found.isEmpty()) {
            unmet(command + " is not on the PATH: install the Debian package " + debianPackage
                    + " (scripts/install-deps does)");
        }
        return found.orElseThrow();
    }

    /**
     * Prefixes {@code command} so that it runs as the unprivileged user {@code nobody}
     * (uid and gid 65534, no supplementary groups, no capabilities), for tests that expect
     * a permission error while the suite itself runs as root.
     *
     * @param command the command and its arguments
     * @return a new command line that runs {@code command} as nobody through {@code setpriv}
     */
    public static List<String> asNonRoot(List<String> command) {
        List<String> result = new ArrayList<>(List.of(
                "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--"));
        result.addAll(command);
        return List.copyOf(result);
    }

    private static void unmet(String reason) {
        if (strict()) {
            Assertions.fail(reason + " (" + REQUIRE_ENV + "=1 turns this skip into a failure)");
        }
        Assumptions.abort(reason);
    }

    private static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Uid:")) {
                    // Uid: real effective saved fs
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static Optional<String> probeSandbox() {
        for (String ns : NAMESPACES) {
            if (!Files.exists(Path.of("/proc/self/ns", ns))) {
                return Optional.of("the kernel has no " + ns + " namespace (/proc/self/ns/" + ns + " is missing)");
            }
        }
        if (Commands.find("unshare").isEmpty()) {
            return Optional.of("unshare (util-linux) is not on the PATH, so namespaces cannot be probed");
        }
        try {
            Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount", "--uts", "--ipc", "--net",
                            "--cgroup", "--mount-proc", "true")
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("unshare did not finish within 30 s");
            }
            if (p.exitValue() != 0) {
                return Optional.of("cannot create namespaces here: unshare exited " + p.exitValue() + ": "
                        + new String(out, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            return Optional.of("cannot run unshare: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing namespaces");
        }
        return Optional.empty();
    }
}

package dev.stevedore.sandbox;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real cgroups and child processes one test makes, under a parent of its own
 * ({@code stevedore-test-<random>}) on every hierarchy, and their clean-up.
 */
final class ScratchCgroups {
    private final CgroupLayout layout;
    private final String parent = "stevedore-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<SandboxCgroup> cgroups = new ArrayList<>();
    private final List<Process> children = new ArrayList<>();

    ScratchCgroups(CgroupLayout layout) {
        this.layout = layout;
    }

    /**
     * Skips the test (or fails it where {@link Preconditions#strict()} says skips must fail)
     * unless the host offers what it needs.
     */
    static void requireHost(boolean offered, String what) {
        if (!offered) {
            String reason = "this test needs " + what + ", which this host does not offer";
            if (Preconditions.strict()) {
                Assertions.fail(reason + " (" + Preconditions.REQUIRE_ENV + "=1 turns this skip into a failure)");
            }
            Assumptions.abort(reason);
        }
    }

    /** The parent every cgroup of this test goes under. */
    String parent() {
        return parent;
    }

    /** Creates a sandbox cgroup under the test's parent and remembers it for clean-up. */
    SandboxCgroup create(String name, Limits limits, List<DeviceRule> devices) {
        SandboxCgroup cgroup = new CgroupHost(layout).create(parent, name, limits, devices);
        cgroups.add(cgroup);
        return cgroup;
    }

    /** Starts a child process and remembers it for clean-up. */
    Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(p);
        return p;
    }

    /** Moves a process into the cgroup, as its init would: its pid into every {@code cgroup.procs}. */
    static void join(SandboxCgroup cgroup, Process p) {
        for (Path procs : cgroup.procsFiles()) {
            CgroupFiles.write(procs, Long.toString(p.pid()));
        }
    }

    /** The test's parent directory on every hierarchy. */
    List<Path> parentDirectories() {
        List<Path> dirs = new ArrayList<>();
        layout.v1Controllers().values().stream().distinct().forEach(mount -> dirs.add(mount.resolve(parent)));
        layout.unifiedMount().ifPresent(mount -> dirs.add(mount.resolve(parent)));
        return dirs;
    }

    /**
     * Kills the children, empties and removes every cgroup and the parent directories.
     *
     * @return the parent directories that are still there (none, if all went well)
     */
    List<Path> cleanUp() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (SandboxCgroup cgroup : cgroups) {
            try {
                cgroup.thaw();
            } catch (SandboxException e) {
                // not frozen, or cannot be: removal below says whether it matters
            }
            cgroup.killAll();
            cgroup.remove();
        }
        List<Path> left = new ArrayList<>();
        for (Path dir : parentDirectories()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                left.add(dir);
            }
            if (Files.exists(dir)) {
                left.add(dir);
            }
        }
        return left;
    }
}

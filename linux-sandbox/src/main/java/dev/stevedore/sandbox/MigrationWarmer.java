package dev.stevedore.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Starts a cgroup migration early so the sandbox's own does not wait.
 *
 * <p>Moving a process into a cgroup takes the kernel's cgroup threadgroup lock for writing,
 * which waits for an RCU grace period (about 10 ms here) unless another migration happened
 * moments before. The shim moves the sandbox into its cgroups a few milliseconds after
 * {@link SandboxRuntime#start} begins; a no-op migration of this JVM into the cgroup it is
 * already in, started on a background thread at the beginning, spends that grace period while
 * the JVM prepares the sandbox. It changes nothing (same cgroup) and any failure is ignored:
 * it only saves time.
 */
final class MigrationWarmer {
    private final Optional<Path> procs;

    private MigrationWarmer(Optional<Path> procs) {
        this.procs = procs;
    }

    /** A warmer that migrates this JVM within the v1 pids hierarchy (or cgroup2 root where that is all there is). */
    static MigrationWarmer forThisJvm(CgroupLayout layout) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.US_ASCII)) {
                String[] f = line.split(":", 3);
                if (f.length == 3 && f[1].equals("pids") && layout.v1Controllers().containsKey("pids")) {
                    Path dir = layout.v1Controllers().get("pids").resolve(f[2].substring(1));
                    return new MigrationWarmer(Optional.of(dir.resolve("cgroup.procs")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no warm-up then
        }
        return new MigrationWarmer(Optional.empty());
    }

    void warm(Executor executor) {
        procs.ifPresent(file -> executor.execute(() -> {
            try {
                Files.writeString(file, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII,
                        StandardOpenOption.WRITE);
            } catch (IOException | RuntimeException e) {
                // a missed warm-up only costs time
            }
        }));
    }
}

package dev.stevedore.sandbox;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a sandboxed process ended, as Docker reports it: the exit code, or 128 plus the
 * signal that killed it, and whether the cgroup's OOM killer struck.
 *
 * @param exitCode 0 to 255; 128+N when killed by signal N (137 for SIGKILL, 143 for SIGTERM)
 * @param signal the signal that killed the process, if one did (direct mode only: in init
 *     mode PID 1 exits normally with the workload's 128+N)
 * @param oomKilled whether the cgroup's memory limit killed a process
 * @param finishedAt when the shim saw the exit, if known
 */
public record ExitStatus(int exitCode, OptionalInt signal, boolean oomKilled, Optional<Instant> finishedAt) {
    /** Checks the code's range. */
    public ExitStatus {
        if (exitCode < 0 || exitCode > 255 + 128) {
            throw new IllegalArgumentException("exit code out of range: " + exitCode);
        }
    }

    /** @return whether the process exited with 0 */
    public boolean success() {
        return exitCode == 0;
    }
}

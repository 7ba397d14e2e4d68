package dev.stevedore;

import java.time.Instant;
import java.util.Optional;

/**
 * How a container's process ended, as Docker reports it.
 *
 * <pre>{@code
 * ContainerExit exit = container.waitFor();
 * assert exit.exitCode() == 0 : container.output();
 * }</pre>
 *
 * @param exitCode 0 to 255; 128+N when killed by signal N (137 for SIGKILL, 143 for SIGTERM)
 * @param oomKilled whether the memory limit's OOM killer struck
 * @param finishedAt when it ended, if known
 */
public record ContainerExit(int exitCode, boolean oomKilled, Optional<Instant> finishedAt) {
    /** The status of a container that was killed together with the JVM running it attached. */
    static final int LOST = 137;

    /**
     * Checks the code.
     *

     * @param exitCode 0 to 255; 128+N when killed by signal N (137 for SIGKILL, 143 for SIGTERM)

     * @param oomKilled whether the memory limit's OOM killer struck

     * @param finishedAt when it ended, if known
     * @throws IllegalArgumentException if it is negative

     */

    public ContainerExit {
        if (exitCode < 0) {
            throw new IllegalArgumentException("exit code must not be negative, got " + exitCode);
        }
        if (finishedAt == null) {
            throw new IllegalArgumentException("finishedAt must not be null; use Optional.empty()");
        }
    }

    /**
     * @return whether it exited with 0
     */
    public boolean success() {
        return exitCode == 0;
    }
}

package dev.stevedore;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link WaitStrategy} may look at: a container's logs, state, ports and exec. Every
 * {@link Container} is one; tests of custom strategies can supply their own.
 *
 * <pre>{@code
 * Optional<String> notYet = Wait.forLog("ready").check(container);
 * }</pre>
 */
public interface WaitTarget {
    /**
     * @return the container's id
     */
    String id();

    /**
     * @return everything it logged so far, oldest first
     */
    List<LogLine> logs();

    /**
     * @return how it ended, once it has
     */
    Optional<ContainerExit> exitStatus();

    /**
     * The TCP ports something listens on inside its network namespace, read from
     * {@code /proc/<pid>/net/tcp} and {@code tcp6} of its process.
     *
     * @return the ports; empty when it does not run
     */
    Set<Integer> listeningPorts();

    /**
     * The host port a container port is published on.
     *
     * @param containerPort a published TCP port
     * @return the host port
     * @throws IllegalArgumentException if that port is not published
     */
    int mappedPort(int containerPort);

    /**
     * Runs a command inside and waits for it.
     *
     * @param request what to run
     * @return how it ended
     */
    ExecResult exec(ExecRequest request);
}

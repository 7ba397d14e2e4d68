package dev.stevedore;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Factories for {@link WaitStrategy}, each with {@link #DEFAULT_TIMEOUT} until changed with
 * {@link WaitStrategy#withTimeout}.
 *
 * <pre>{@code
 * Containers.create("busybox").cmd("httpd", "-f", "-p", "80").publish(80)
 *         .waitingFor(Wait.forHttp(80, "/").withTimeout(Duration.ofSeconds(10)))
 *         .start();
 * }</pre>
 */
public final class Wait {
    /** How long a strategy waits unless told otherwise: 60 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Wait() {}

    /**
     * Waits for a log line (stdout or stderr) in which {@code regex} is found.
     *
     * @param regex a {@link Pattern}
     * @return the strategy
     */
    public static WaitStrategy forLog(String regex) {
        return forLog(regex, 1);
    }

    /**
     * Waits until {@code times} log lines match {@code regex}.
     *
     * @param regex a {@link Pattern}
     * @param times how many lines, at least 1
     * @return the strategy
     */
    public static WaitStrategy forLog(String regex, int times) {
        return new WaitForLog(Pattern.compile(regex), times, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until something listens on a TCP port inside the container's network namespace
     * (read from {@code /proc/<pid>/net/tcp} and {@code tcp6}).
     *
     * @param containerPort the port inside
     * @return the strategy
     */
    public static WaitStrategy forListeningPort(int containerPort) {
        return new WaitForPort(containerPort, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until {@code GET http://127.0.0.1:<published port><path>} answers 200, through the
     * port the container port is published on.
     *
     * @param containerPort a published TCP port
     * @param path such as {@code "/health"}
     * @return the strategy
     */
    public static WaitStrategy forHttp(int containerPort, String path) {
        return forHttp(containerPort, path, 200);
    }

    /**
     * Waits until {@code GET http://127.0.0.1:<published port><path>} answers {@code status}.
     *
     * @param containerPort a published TCP port
     * @param path such as {@code "/health"}
     * @param status the expected status code
     * @return the strategy
     */
    public static WaitStrategy forHttp(int containerPort, String path, int status) {
        return new WaitForHttp(containerPort, path, status, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until a command run inside exits with 0.
     *
     * @param cmd the command and its arguments
     * @return the strategy
     */
    public static WaitStrategy forExec(String... cmd) {
        return new WaitForExec(Arrays.asList(cmd), DEFAULT_TIMEOUT);
    }

    /**
     * Waits until every strategy is satisfied at once; its timeout is the longest of theirs
     * until changed.
     *
     * @param strategies at least one
     * @return the strategy
     */
    public static WaitStrategy allOf(WaitStrategy... strategies) {
        List<WaitStrategy> all = List.of(strategies);
        Duration longest = all.stream().map(WaitStrategy::timeout).max(Duration::compareTo).orElse(DEFAULT_TIMEOUT);
        return new WaitForAll(all, longest);
    }

    static Duration checkTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a wait timeout must be positive, got " + timeout);
        }
        return timeout;
    }
}

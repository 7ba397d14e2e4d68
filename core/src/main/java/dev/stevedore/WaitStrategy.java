package dev.stevedore;

import java.time.Duration;
import java.util.Optional;

/**
 * Something to wait for before a container is ready: a log line, a listening port, an HTTP
 * status, a command's success, or all of these. Strategies are immutable values made by
 * {@link Wait}; waiting runs on the caller's thread ({@link Container#waitUntil}), polling
 * {@link #check} until it passes, the container exits, or {@link #timeout()} runs out.
 *
 * <pre>{@code
 * WaitStrategy ready = Wait.allOf(
 *         Wait.forLog("database system is ready", 2),
 *         Wait.forListeningPort(5432)).withTimeout(Duration.ofSeconds(30));
 * container.waitUntil(ready);
 * }</pre>
 *
 * <p>A custom strategy implements {@link #check}, which must not block for long and keeps no
 * state between calls.
 */
public interface WaitStrategy {
    /**
     * @return how long to wait at most
     */
    Duration timeout();

    /**
     * The same strategy with another timeout.
     *
     * @param value how long to wait at most; positive
     * @return a copy
     */
    WaitStrategy withTimeout(Duration value);

    /**
     * @return what is awaited, for messages, such as {@code "a log line matching /ready/"}
     */
    String description();

    /**
     * Checks once.
     *
     * @param target the container
     * @return empty when satisfied, else what is still missing (such as {@code "seen 1 of 2"})
     */
    Optional<String> check(WaitTarget target);
}

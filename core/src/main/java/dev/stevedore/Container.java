package dev.stevedore;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A container: a handle to query and act on it. The configuration it was made from is its
 * {@link ContainerRequest}; this handle only queries and acts. Close it when done: closing
 * stops it (its stop signal, then SIGKILL after the stop timeout) and, if it was created with
 * auto-remove, removes it; otherwise it stays as an exited record until
 * {@link Containers#remove(String, boolean)}. Closing twice is harmless.
 *
 * <pre>{@code
 * try (Container c = Containers.create("busybox").cmd("sh", "-c", "echo hello; exit 3").start()) {
 *     ContainerExit exit = c.waitFor();     // exit code 3
 *     String out = c.output();              // "hello\n"
 * }
 * }</pre>
 *
 * <p>Thread-safe. A container started attached (the default) dies with the JVM that started
 * it; a detached one lives on, and any JVM finds it with {@link Containers#get(String)}.
 */
public interface Container extends WaitTarget, AutoCloseable {
    /**
     * @return the 64-hex-digit id
     */
    @Override
    String id();

    /**
     * @return the first 12 digits of the id
     */
    default String shortId() {
        return ContainerId.shortOf(id());
    }

    /**
     * @return its name
     */
    String name();

    /**
     * @return what it is now: status, exit code, ports, image, labels
     */
    ContainerInfo info();

    /**
     * @return whether its process runs now
     */
    default boolean isRunning() {
        return info().status() == ContainerStatus.RUNNING;
    }

    /**
     * Starts a created container ({@code docker start}).
     *
     * @return this container
     * @throws ContainerConflictException if it has already been started
     * @throws ContainerStartException if it cannot be started
     */
    Container start();

    /**
     * @return its published ports (empty until started)
     */
    List<PortBinding> ports();

    /**
     * The host port a published container port is bound to.
     *
     * @param containerPort a published TCP port
     * @return the host port
     * @throws IllegalArgumentException if that port is not published
     */
    @Override
    int mappedPort(int containerPort);

    /**
     * @return everything it logged so far (stdout and stderr), oldest first
     */
    @Override
    List<LogLine> logs();

    /**
     * @return the text of everything it logged so far, stdout and stderr interleaved as written
     */
    default String output() {
        return LogLine.text(logs());
    }

    /**
     * Follows its log from the start, as {@code docker logs --follow}: the follower returns
     * every line written so far, then new lines as they come, and ends once the container has
     * exited and everything it wrote was returned. Runs on the caller's thread.
     *
     * <pre>{@code
     * try (LogFollower f = c.followLogs()) {
     *     f.lines().forEach(l -> System.out.print(l.text()));
     * }
     * }</pre>
     *
     * @return the follower; close it when done
     */
    LogFollower followLogs();

    /**
     * Waits for its process to end.
     *
     * @return how it ended
     * @throws ContainerException if it was never started
     */
    ContainerExit waitFor();

    /**
     * Waits at most {@code timeout} for its process to end.
     *
     * @param timeout how long
     * @return how it ended, or empty if it still runs
     */
    Optional<ContainerExit> waitFor(Duration timeout);

    /**
     * Waits, on the caller's thread, until {@code strategy} is satisfied.
     *
     * @param strategy what to wait for
     * @return this container
     * @throws ContainerWaitException when it timed out or the container exited first; the message
     *     holds the last log lines
     */
    Container waitUntil(WaitStrategy strategy);

    /**
     * Waits until a log line matches {@code regex} (within {@link Wait#DEFAULT_TIMEOUT}).
     *
     * @param regex a {@link java.util.regex.Pattern} found anywhere in a line
     * @return this container
     * @throws ContainerWaitException when it timed out or the container exited first
     */
    default Container waitForLog(String regex) {
        return waitUntil(Wait.forLog(regex));
    }

    /**
     * Runs a command inside, as the container's user, and waits for it.
     *
     * @param cmd the command and its arguments
     * @return how it ended and what it wrote
     * @throws ContainerException if the container does not run
     */
    default ExecResult exec(String... cmd) {
        return exec(ExecRequest.of(cmd));
    }

    /**
     * Stops it with its stop signal, then SIGKILL after its stop timeout ({@code docker stop}).
     * Stopping a container that does not run does nothing.
     *
     * @return how it ended
     */
    ContainerExit stop();

    /**
     * Stops it with its stop signal, then SIGKILL after {@code timeout}.
     *
     * @param timeout how long it may take to exit by itself
     * @return how it ended
     */
    ContainerExit stop(Duration timeout);

    /**
     * Sends a signal to its process ({@code docker kill -s}).
     *
     * @param signal such as {@code "SIGHUP"}, {@code "HUP"} or {@code "1"}
     * @throws ContainerConflictException if it does not run
     */
    void kill(String signal);

    /**
     * @return its resource use
     * @throws ContainerConflictException if it does not run
     */
    ContainerStats stats();

    /**
     * Copies a host file or directory into it, as {@code docker cp host-path container:path}:
     * into {@code containerPath} if that is an existing directory, else as that path. Paths
     * inside are resolved within its root: symbolic links never lead out of it.
     *
     * @param hostPath the file or directory to copy
     * @param containerPath where, inside
     */
    void copyTo(Path hostPath, String containerPath);

    /**
     * Unpacks a tar stream into a directory inside it, as {@code docker cp - container:dir}.
     *
     * @param tar the tar stream (not closed)
     * @param containerDir an existing directory inside
     */
    void copyTo(InputStream tar, String containerDir);

    /**
     * Copies a file or directory out of it, as {@code docker cp container:path host-path}:
     * into {@code hostPath} if that is an existing directory, else as that path.
     *
     * @param containerPath what to copy
     * @param hostPath where on the host
     */
    void copyFrom(String containerPath, Path hostPath);

    /**
     * Writes a file or directory inside it as a tar stream whose top entry is its base name, as
     * {@code docker cp container:path -}.
     *
     * @param containerPath what to copy
     * @param tar where to write the tar stream (not closed)
     */
    void copyFrom(String containerPath, OutputStream tar);

    /**
     * Makes an image of its file system changes over its image ({@code docker commit}),
     * pausing it meanwhile if it runs.
     *
     * @param options the reference, author and message
     * @return the new image
     */
    Image commit(CommitOptions options);

    /**
     * Commits to a new untagged image, found by its id (kept as a dangling image until pruned).
     *
     * @return the new image
     */
    default Image commit() {
        return commit(CommitOptions.untagged());
    }

    /**
     * Commits to a new image tagged {@code reference}.
     *
     * @param reference such as {@code "app:snapshot"}
     * @return the new image
     */
    default Image commit(String reference) {
        return commit(CommitOptions.tagged(reference));
    }

    /**
     * Removes it: its record, file system changes and state ({@code docker rm}).
     *
     * @param force whether to kill it first if it runs
     * @throws ContainerConflictException if it runs and {@code force} is false
     */
    void remove(boolean force);

    /** Stops it and, with auto-remove, removes it. See the class comment. */
    @Override
    void close();
}

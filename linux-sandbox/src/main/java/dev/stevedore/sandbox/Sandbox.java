package dev.stevedore.sandbox;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A started sandbox. Closing an attached sandbox kills what still runs in it and removes
 * its cgroup and state directory; closing a detached one only lets go of the handle (use
 * {@link #remove()} to get rid of it).
 *
 * <pre>{@code
 * try (SandboxRuntime runtime = SandboxRuntime.create();
 *      Sandbox box = runtime.start(spec)) {
 *     ExitStatus status = box.waitFor();
 *     System.out.print(new String(box.stdout(), UTF_8));
 * }
 * }</pre>
 */
public interface Sandbox extends AutoCloseable {
    /** @return the sandbox's id */
    String id();

    /** @return its state directory */
    Path stateDir();

    /** @return the host pid of its PID 1 */
    long pid();

    /** @return the pid of the shim that supervises it */
    long shimPid();

    /** @return whether it outlives the JVM that started it */
    boolean detached();

    /** @return the ports the shim listens on for it */
    List<PublishedPort> ports();

    /**
     * The file of one of its namespaces, for {@link Network#join} or
     * {@link SandboxSpec.Builder#join}.
     *
     * @param namespace which
     * @return {@code /proc/<pid>/ns/<name>}
     */
    Path namespacePath(Namespace namespace);

    /** @return whether its workload is still running */
    boolean isRunning();

    /** @return how it ended, once it has */
    Optional<ExitStatus> exitStatus();

    /**
     * Waits for the workload to end.
     *
     * @return how it ended
     * @throws InterruptedException if interrupted while waiting
     */
    ExitStatus waitFor() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the workload to end.
     *
     * @param timeout how long to wait
     * @return how it ended, or empty if it still runs
     * @throws InterruptedException if interrupted while waiting
     */
    Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException;

    /**
     * Sends a signal to its PID 1 (in init mode, forwarded to the workload).
     *
     * @param signal the signal number, e.g. {@code 15}
     * @throws SandboxException if it is not running
     */
    void kill(int signal);

    /**
     * Stops it as {@code docker stop} does: SIGTERM, then after {@code grace} SIGKILL for every
     * process in its cgroup.
     *
     * @param grace how long the workload may take to exit by itself
     * @return how it ended
     * @throws InterruptedException if interrupted while waiting
     */
    ExitStatus stop(Duration grace) throws InterruptedException;

    /**
     * Runs another process inside it: same namespaces, cgroup, seccomp filter and capabilities.
     *
     * @param process what to run; its user, environment and working directory are its own
     * @return the running process
     * @throws SandboxStartException if it cannot be started (127 when not found)
     * @throws SandboxException if the sandbox is not running or is paused
     */
    ExecProcess exec(ProcessSpec process);

    /** Freezes every process in it (the freezer cgroup). */
    void pause();

    /** Thaws it after {@link #pause()}. */
    void resume();

    /** @return its resource use, from its cgroup */
    SandboxStats stats();

    /** @return what an attached sandbox wrote to stdout so far (the last 8 MiB) */
    byte[] stdout();

    /** @return what an attached sandbox wrote to stderr so far (the last 8 MiB) */
    byte[] stderr();

    /** @return a stream onto its stdin, when the process was started with {@link ProcessSpec#withStdinOpen()} */
    OutputStream stdin();

    /** @return its json-file log, oldest line first */
    List<LogEntry> logs();

    /** Stops it if running, then removes its cgroup and state directory. */
    void remove();

    /** See the class comment. Closing twice is harmless. */
    @Override
    void close();
}

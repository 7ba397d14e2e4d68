package dev.stevedore.sandbox;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * A process started inside a running sandbox by {@link Sandbox#exec}. It dies with the JVM.
 *
 * <pre>{@code
 * try (ExecProcess p = box.exec(ProcessSpec.of("cat", "/etc/hostname"))) {
 *     p.waitFor();
 *     String name = new String(p.stdout(), UTF_8).trim();
 * }
 * }</pre>
 */
public interface ExecProcess extends AutoCloseable {
    /** @return its host pid */
    long pid();

    /** @return how it ended @throws InterruptedException if interrupted */
    ExitStatus waitFor() throws InterruptedException;

    /** @param timeout how long @return how it ended, or empty @throws InterruptedException if interrupted */
    Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException;

    /** @return its stdout so far */
    byte[] stdout();

    /** @return its stderr so far */
    byte[] stderr();

    /** @return its stdin, when opened */
    OutputStream stdin();

    /** @param signal a signal for it */
    void kill(int signal);

    /** Kills it if still running and waits for its shim. */
    @Override
    void close();
}

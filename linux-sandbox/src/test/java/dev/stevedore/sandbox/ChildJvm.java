package dev.stevedore.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running {@link ChildJvmMain} on this JVM's class path. Its stdout is read as
 * {@code key=value} lines until {@code ready}; its stderr goes to a file for the failure
 * message. Closing it kills it (SIGKILL) if it still runs.
 */
final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\0eof";

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the JVM was killed
            }
            lines.add(EOF);
        }, "child-jvm-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code ChildJvmMain mode stateRoot rootfs}; its stderr goes to {@code stderr}. */
    static ChildJvm start(String mode, Path stateRoot, Path rootfs, Path stderr) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ChildJvmMain.class.getName(), mode, stateRoot.toString(), rootfs.toString());
        pb.redirectError(stderr.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        return new ChildJvm(pb.start(), stderr);
    }

    /** The child's process. */
    Process process() {
        return process;
    }

    /**
     * Reads {@code key=value} lines until {@code ready}.
     *
     * @throws AssertionError if the child ends or stays silent for {@code timeout} first
     */
    Map<String, String> awaitReady(Duration timeout) throws InterruptedException {
        Map<String, String> values = new LinkedHashMap<>();
        long end = System.nanoTime() + timeout.toNanos();
        for (;;) {
            String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                throw new AssertionError("child JVM " + (line == null ? "did not get ready within " + timeout
                        : "ended before it was ready") + "; stdout: " + seen + "; stderr: " + stderrText());
            }
            seen.add(line);
            if (line.equals("ready")) {
                return values;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }

    /** Waits for the child to exit by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child JVM did not exit within " + timeout + "; stderr: " + stderrText());
        }
        return process.exitValue();
    }

    /** Kills the child with SIGKILL and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    String stderrText() {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

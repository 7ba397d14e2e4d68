package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running {@link StoreChild}, on this test JVM's class path. Its stdout is read
 * line by line (the test waits for what it prints), its stderr goes to a file shown on failure.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader stdout;
    private final Path stderr;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderr = stderr;
    }

    static ChildJvm start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                StoreChild.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(workDir, "child-", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildJvm(process, stderr);
    }

    /** Blocks until the child prints a line starting with {@code prefix}; returns that line. */
    String awaitLine(String prefix) throws IOException {
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("child ended before printing \"" + prefix + "\": " + errors());
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for a clean exit. */
    void finish() throws Exception {
        awaitLine("done");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child exits").isTrue();
        assertThat(process.exitValue()).as("child exit status, stderr: %s", errors()).isZero();
    }

    /** Kills the child as a crash would (SIGKILL) and waits for it to be gone. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    String errors() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                crash();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

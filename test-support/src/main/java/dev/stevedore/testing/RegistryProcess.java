package dev.stevedore.testing;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * One running {@code docker-registry serve} process: started on a loopback port (retrying
 * with another port if the one picked was taken meanwhile), ready once {@code GET /v2/}
 * answers 200 or 401, stopped with SIGTERM and, after a grace period, SIGKILL.
 */
final class RegistryProcess implements AutoCloseable {
    static final int MAX_ATTEMPTS = 5;
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final File DEV_NULL = new File("/dev/null");

    private final Process process;
    private final int port;
    private final Path logFile;
    private final int attempts;
    private final Duration stopGrace;
    private boolean killed;

    private RegistryProcess(Process process, int port, Path logFile, int attempts, Duration stopGrace) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.attempts = attempts;
        this.stopGrace = stopGrace;
    }

    /**
     * Starts the registry described by {@code config} (its port taken from {@code ports} on
     * each attempt) and waits until it answers.
     */
    static RegistryProcess start(Path workDir, RegistryConfig template, IntSupplier ports, Duration readyTimeout,
            Duration stopGrace) {
        String binary = Preconditions.requiresCommand("docker-registry", "docker-registry").toString();
        Path configFile = workDir.resolve("config.yml");
        Path logFile = workDir.resolve("registry.log");
        List<String> failedAttempts = new ArrayList<>();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            int port = ports.getAsInt();
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("registry port out of range: " + port);
            }
            RegistryConfig config = template.withPort(port);
            Process process = launch(binary, config, configFile, logFile);
            RegistryProcess registry = new RegistryProcess(process, port, logFile, attempt, stopGrace);
            Optional<String> failure = registry.awaitReady(readyTimeout,
                    config.tls().map(t -> t.trust().sslContext()));
            if (failure.isEmpty()) {
                return registry;
            }
            registry.close();
            String log = registry.log();
            if (!log.contains("address already in use")) {
                throw new FixtureException("Tried to start docker-registry on 127.0.0.1:" + port
                        + " but failed because: " + failure.get() + "\n--- " + logFile + " ---\n" + tail(log));
            }
            failedAttempts.add("127.0.0.1:" + port + " was taken");
        }
        throw new FixtureException("Tried to start docker-registry " + MAX_ATTEMPTS
                + " times but failed because every port was taken: " + failedAttempts);
    }

    private static Process launch(String binary, RegistryConfig config, Path configFile, Path logFile) {
        try {
            Files.writeString(configFile, config.yaml(), StandardCharsets.UTF_8);
            return new ProcessBuilder(binary, "serve", configFile.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(logFile.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new FixtureException("Tried to start `" + binary + " serve " + configFile + "` but failed because: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Waits until the log says the registry bound its port (so the probe cannot reach whoever
     * took the port meanwhile), then polls {@code GET /v2/}; empty when ready, else why not.
     */
    private Optional<String> awaitReady(Duration timeout, Optional<SSLContext> ssl) {
        URI probe = URI.create((ssl.isPresent() ? "https" : "http") + "://127.0.0.1:" + port + "/v2/");
        String bound = "listening on 127.0.0.1:" + port;
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "the log does not say \"" + bound + "\" yet";
        while (true) {
            if (!process.isAlive()) {
                return Optional.of("the process exited with status " + process.exitValue() + " before " + probe
                        + " answered");
            }
            if (log().contains(bound)) {
                try {
                    int status = get(probe, ssl);
                    if (status == 200 || status == 401) {
                        return Optional.empty();
                    }
                    lastAnswer = "GET " + probe + " answered " + status;
                } catch (IOException e) {
                    lastAnswer = "GET " + probe + ": " + e;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return Optional.of("it did not answer within " + timeout.toMillis() + " ms (" + lastAnswer + ")");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting for " + probe);
            }
        }
    }

    private static int get(URI uri, Optional<SSLContext> ssl) throws IOException {
        // Proxy.NO_PROXY: the probe bypasses any ProxySelector, including HermeticHome's guard.
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        if (connection instanceof HttpsURLConnection https && ssl.isPresent()) {
            https.setSSLSocketFactory(ssl.get().getSocketFactory());
        }
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(2000);
        connection.setRequestProperty("Connection", "close");
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    /** How many starts it took: more than 1 when a picked port was taken meanwhile. */
    int attempts() {
        return attempts;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** The last lines of a log, enough for an assertion message. */
    static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Whether the last {@link #close()} had to escalate to SIGKILL. */
    synchronized boolean killed() {
        return killed;
    }

    /** Sends SIGTERM, waits for the stop grace period, then SIGKILL, and waits for the exit. Safe to call twice. */
    @Override
    public synchronized void close() {
        boolean interrupted = false;
        try {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                        killed = true;
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    killed = true;
                    process.destroyForcibly();
                }
            }
            while (true) {
                try {
                    if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new FixtureException("Tried to stop docker-registry (pid " + process.pid()
                                + ") but it was still running " + KILL_WAIT.toSeconds() + " s after SIGKILL");
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

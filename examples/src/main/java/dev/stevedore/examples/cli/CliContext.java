package dev.stevedore.examples.cli;

import dev.stevedore.Stevedore;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one command line runs with: its streams, clock, environment and (lazily) the engine.
 * Closing it closes the engine it made; detached containers keep running.
 */
public final class CliContext implements AutoCloseable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final Clock clock;
    private final Map<String, String> env;
    private Optional<Path> home = Optional.empty();
    private Stevedore engine;
    private boolean sharedEngine;
    private volatile dev.stevedore.registry.RegistryListener transfers = event -> { };

    /**
     * Creates a context.
     *
     * @param out standard output
     * @param err standard error
     * @param in standard input
     * @param clock the clock relative times are computed against
     * @param env the environment ({@code STEVEDORE_HOME}, {@code DOCKER_CONFIG}, {@code HOME})
     */
    public CliContext(PrintWriter out, PrintWriter err, InputStream in, Clock clock, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.clock = clock;
        this.env = Map.copyOf(env);
    }

    /** @return standard output */
    public PrintWriter out() {
        return out;
    }

    /** @return standard error */
    public PrintWriter err() {
        return err;
    }

    /** @return standard input */
    public InputStream in() {
        return in;
    }

    /**
     * The terminal, for prompts: the JVM's console when this context reads the process's own
     * standard input and that is a terminal; empty otherwise (tests, pipes).
     *
     * <pre>{@code char[] pw = ctx.console().orElseThrow().readPassword("Password: ");}</pre>
     *
     * @return the console, if interactive
     */
    public Optional<Console> console() {
        return in == System.in ? Optional.ofNullable(System.console()) : Optional.empty();
    }

    /**
     * The terminal's width when progress may be redrawn in place: standard input and output are
     * a terminal ({@link #console()}) and {@code TERM} is not {@code dumb}; empty otherwise.
     *
     * <pre>{@code boolean redraw = ctx.terminalWidth().isPresent();}</pre>
     *
     * @return the width in columns, if progress goes to a terminal
     */
    public OptionalInt terminalWidth() {
        if (console().isEmpty() || "dumb".equals(env.get("TERM"))) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(columns());
    }

    /** {@code $COLUMNS}, else what {@code stty size} says of the terminal, else 80. */
    int columns() {
        String variable = env.getOrDefault("COLUMNS", "");
        if (variable.matches("\\d{1,4}")) {
            return Integer.parseInt(variable);
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] rowsCols = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
                    .split("\\s+");
            if (p.waitFor() == 0 && rowsCols.length == 2 && rowsCols[1].matches("\\d{1,4}")) {
                return Integer.parseInt(rowsCols[1]);
            }
        } catch (IOException e) {
            // no stty or no /dev/tty: the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return the environment */
    public Map<String, String> env() {
        return env;
    }

    /**
     * Makes commands use an engine the caller owns (and closes) instead of making their own.
     *
     * @param shared the engine
     * @return this context
     */
    public synchronized CliContext useEngine(Stevedore shared) {
        this.engine = shared;
        this.sharedEngine = true;
        return this;
    }

    /**
     * A context on this process's streams, clock and environment.
     *
     * @return the context
     */
    public static CliContext system() {
        return new CliContext(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in,
                Clock.systemUTC(), System.getenv());
    }

    /** Where registry progress events of engines this context makes go (pull and push set it). */
    void transfers(dev.stevedore.registry.RegistryListener listener) {
        transfers = listener;
    }

    void home(Path value) {
        home = Optional.of(value);
    }

    /**
     * The Docker configuration directory: system property {@code docker.config}, else
     * {@code $DOCKER_CONFIG}, else {@code ~/.docker}.
     *
     * @return the directory holding {@code config.json}
     */
    public Path dockerConfigDir() {
        String property = System.getProperty("docker.config");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String variable = env.get("DOCKER_CONFIG");
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
    }

    /**
     * The engine, made on first use on {@code --home}, else the default home.
     *
     * @return the engine
     */
    public synchronized Stevedore engine() {
        if (engine == null) {
            Stevedore.Builder b = Stevedore.builder();
            home.or(this::homeFromEnvironment).ifPresent(b::home);
            b.registryListener(event -> transfers.on(event));
            engine = b.build();
        }
        return engine;
    }

    private Optional<Path> homeFromEnvironment() {
        String property = System.getProperty("stevedore.home");
        if (property != null && !property.isBlank()) {
            return Optional.empty(); // the engine reads it itself
        }
        return Optional.ofNullable(env.get("STEVEDORE_HOME")).filter(s -> !s.isBlank()).map(Path::of);
    }

    /** Closes the engine if one was made. */
    @Override
    public synchronized void close() {
        if (engine != null && !sharedEngine) {
            engine.close();
            engine = null;
        }
        out.flush();
        err.flush();
    }
}

package dev.stevedore.examples.cli;

import dev.stevedore.BuildListener;
import dev.stevedore.BuildStep;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Build progress on stderr. Plain: one line per step, per line of output and {@code DONE 1.2s}
 * per {@code RUN}. On a terminal: one line per step ({@link TerminalLines}) redrawn in place as
 * it starts, is found in the cache or ends, without the output.
 *
 * <pre>{@code
 * [stage-0 2/3] RUN make DONE 1.2s
 * }</pre>
 */
final class BuildProgress implements BuildListener {
    private final PrintWriter err;
    private final Optional<TerminalLines> terminal;

    private BuildProgress(PrintWriter err, Optional<TerminalLines> terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static BuildProgress plain(PrintWriter err) {
        return new BuildProgress(err, Optional.empty());
    }

    static BuildProgress terminal(PrintWriter err, int width) {
        return new BuildProgress(err, Optional.of(new TerminalLines(err, width)));
    }

    @Override
    public synchronized void stepStarted(BuildStep step) {
        show(step, step.toString());
    }

    @Override
    public synchronized void stepCached(BuildStep step) {
        show(step, step + " CACHED");
    }

    @Override
    public synchronized void stepDone(BuildStep step, Duration took) {
        String done = String.format(Locale.ROOT, "DONE %.1fs", took.toMillis() / 1000.0);
        if (terminal.isPresent()) {
            terminal.get().update(step.label(), step + " " + done);
        } else if (step.instruction().startsWith("RUN")) {
            err.println(step.label() + " " + done);
            err.flush();
        }
    }

    @Override
    public synchronized void warning(String message) {
        if (terminal.isPresent()) {
            terminal.get().println("WARNING: " + message);
        } else {
            err.println("WARNING: " + message);
            err.flush();
        }
    }

    @Override
    public synchronized void output(BuildStep step, String line) {
        if (terminal.isEmpty()) {
            err.println(step.label() + " " + line.stripTrailing());
            err.flush();
        }
    }

    /** Ends the step block on a terminal. */
    synchronized void finish() {
        terminal.ifPresent(TerminalLines::finish);
        err.flush();
    }

    private void show(BuildStep step, String text) {
        if (terminal.isPresent()) {
            terminal.get().update(step.label(), text);
        } else {
            err.println(text);
            err.flush();
        }
    }
}

package dev.stevedore;

import java.time.Duration;

/**
 * Receives a build's progress. Calls come from the threads that run the build (stages may run
 * in parallel), so implementations must be thread-safe and quick.
 *
 * <pre>{@code
 * engine.images().build(dir).listener(new BuildListener() {
 *     public void stepStarted(BuildStep step) { System.out.println(step); }
 *     public void output(BuildStep step, String line) { System.out.println(step.label() + " " + line); }
 * }).build();
 * }</pre>
 */
public interface BuildListener {
    /** A listener that ignores everything. */
    BuildListener NONE = new BuildListener() {
    };

    /**
     * A step starts.
     *
     * @param step the step
     */
    default void stepStarted(BuildStep step) {
    }

    /**
     * A step's result came from the build cache; {@link #stepDone} follows.
     *
     * @param step the step
     */
    default void stepCached(BuildStep step) {
    }

    /**
     * A step is done.
     *
     * @param step the step
     * @param took how long it took
     */
    default void stepDone(BuildStep step, Duration took) {
    }

    /**
     * A warning about the Dockerfile, such as an empty continuation line.
     *
     * @param message the warning, starting with {@code Dockerfile:LINE:}
     */
    default void warning(String message) {
    }

    /**
     * A line of a {@code RUN} step's output (stdout and stderr).
     *
     * @param step the step
     * @param line the line, without its line end
     */
    default void output(BuildStep step, String line) {
    }
}

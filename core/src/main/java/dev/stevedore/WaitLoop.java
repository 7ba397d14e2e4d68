package dev.stevedore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Polls a strategy on the caller's thread until it passes, the container exits, or the
 * strategy's timeout runs out; the pause between checks grows from 25 ms to 500 ms.
 */
final class WaitLoop {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(25);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

    private WaitLoop() {}

    static void await(WaitStrategy strategy, WaitTarget target, WaitClock clock) {
        long start = clock.nanoTime();
        long budget = strategy.timeout().toNanos();
        Duration pause = FIRST_PAUSE;
        String missing = "not checked yet";
        while (true) {
            Optional<ContainerExit> exited = target.exitStatus();
            Optional<String> result;
            try {
                result = strategy.check(target);
            } catch (RuntimeException e) {
                result = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (result.isEmpty()) {
                return;
            }
            missing = result.get();
            if (exited.isPresent()) {
                throw failure(strategy, target, "the container exited with code " + exited.get().exitCode()
                        + " first (" + missing + ")");
            }
            long elapsed = clock.nanoTime() - start;
            if (elapsed >= budget) {
                throw failure(strategy, target, "timed out after " + human(strategy.timeout()) + " (" + missing + ")");
            }
            Duration left = Duration.ofNanos(budget - elapsed);
            try {
                clock.sleep(pause.compareTo(left) < 0 ? pause : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(strategy, target, "interrupted (" + missing + ")");
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static ContainerWaitException failure(WaitStrategy strategy, WaitTarget target, String why) {
        List<String> lines;
        try {
            List<LogLine> logs = target.logs();
            lines = logs.subList(Math.max(0, logs.size() - ContainerWaitException.LAST_LINES), logs.size()).stream()
                    .map(LogLine::text).toList();
        } catch (RuntimeException e) {
            lines = List.of("(logs unavailable: " + e.getMessage() + ")");
        }
        return new ContainerWaitException(target.id(), "Tried to wait for " + strategy.description()
                + " in container " + ContainerId.shortOf(target.id()) + " but failed because: " + why, lines);
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}

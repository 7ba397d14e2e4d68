package dev.stevedore;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Waits until {@code times} log lines match. */
record WaitForLog(Pattern pattern, int times, Duration timeout) implements WaitStrategy {
    WaitForLog {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        Wait.checkTimeout(timeout);
    }

    @Override
    public WaitStrategy withTimeout(Duration value) {
        return new WaitForLog(pattern, times, value);
    }

    @Override
    public String description() {
        return "a log line matching /" + pattern.pattern() + "/" + (times > 1 ? " " + times + " times" : "");
    }

    @Override
    public Optional<String> check(WaitTarget target) {
        long seen = target.logs().stream().filter(l -> pattern.matcher(l.text()).find()).count();
        return seen >= times ? Optional.empty() : Optional.of("seen " + seen + " of " + times);
    }
}

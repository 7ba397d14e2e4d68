package dev.stevedore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Waits until every strategy is satisfied at the same check. */
record WaitForAll(List<WaitStrategy> strategies, Duration timeout) implements WaitStrategy {
    WaitForAll {
        strategies = List.copyOf(strategies);
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("allOf needs at least one strategy");
        }
        Wait.checkTimeout(timeout);
    }

    @Override
    public WaitStrategy withTimeout(Duration value) {
        return new WaitForAll(strategies, value);
    }

    @Override
    public String description() {
        return strategies.stream().map(WaitStrategy::description).collect(Collectors.joining(" and "));
    }

    @Override
    public Optional<String> check(WaitTarget target) {
        for (WaitStrategy s : strategies) {
            Optional<String> missing = s.check(target);
            if (missing.isPresent()) {
                return Optional.of(s.description() + ": " + missing.get());
            }
        }
        return Optional.empty();
    }
}

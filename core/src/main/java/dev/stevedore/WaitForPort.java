package dev.stevedore;

import java.time.Duration;
import java.util.Optional;

/** Waits until a TCP port listens inside the container's network namespace. */
record WaitForPort(int port, Duration timeout) implements WaitStrategy {
    WaitForPort {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        Wait.checkTimeout(timeout);
    }

    @Override
    public WaitStrategy withTimeout(Duration value) {
        return new WaitForPort(port, value);
    }

    @Override
    public String description() {
        return "TCP port " + port + " listening inside the container";
    }

    @Override
    public Optional<String> check(WaitTarget target) {
        var listening = target.listeningPorts();
        return listening.contains(port) ? Optional.empty()
                : Optional.of(listening.isEmpty() ? "nothing listens yet" : "listening: " + new java.util.TreeSet<>(listening));
    }
}

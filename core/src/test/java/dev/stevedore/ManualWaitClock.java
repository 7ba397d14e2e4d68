package dev.stevedore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that advances only when the code under test sleeps, running a hook at each sleep. */
final class ManualWaitClock implements WaitClock {
    long now;
    final List<Duration> sleeps = new ArrayList<>();
    Runnable onSleep = () -> { };

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        now += d.toNanos();
        onSleep.run();
    }
}

package dev.stevedore;

import java.time.Duration;

/** The clock and sleeper a wait polls with; tests substitute a manual one. */
interface WaitClock {
    /** The system's monotonic clock and {@link Thread#sleep}. */
    WaitClock SYSTEM = new WaitClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(Math.max(1, d.toMillis()));
        }
    };

    long nanoTime();

    void sleep(Duration d) throws InterruptedException;
}

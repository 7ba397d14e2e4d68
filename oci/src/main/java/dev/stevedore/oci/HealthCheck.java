package dev.stevedore.oci;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code Healthcheck} of an image config, as set by a Dockerfile {@code HEALTHCHECK}.
 * In JSON the durations are integers of nanoseconds; a zero duration or zero retries means
 * "not set, use the default".
 *
 * <pre>{@code
 * HealthCheck check = HealthCheck.of(List.of("CMD-SHELL", "curl -f http://localhost/"))
 *         .withInterval(Duration.ofSeconds(30)).withRetries(3);
 * }</pre>
 *
 * @param test the test: {@code ["NONE"]}, {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]};
 *     empty to inherit
 * @param interval time between checks
 * @param timeout time a check may take
 * @param startPeriod time during which failures do not count
 * @param startInterval time between checks during the start period
 * @param retries consecutive failures that make the container unhealthy
 * @param unknownFields fields this module does not model, kept as read
 */
public record HealthCheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
        Duration startInterval, int retries, UnknownFields unknownFields) {

    /**
     * Creates a health check.
     *
     * @param test the test: {@code ["NONE"]}, {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]};
     *         empty to inherit
     * @param interval time between checks
     * @param timeout time a check may take
     * @param startPeriod time during which failures do not count
     * @param startInterval time between checks during the start period
     * @param retries consecutive failures that make the container unhealthy
     * @param unknownFields fields this module does not model, kept as read
     * @throws IllegalArgumentException if a duration is negative or too long, or retries is negative
     */
    public HealthCheck {
        test = List.copyOf(test);
        checkDuration("Interval", interval);
        checkDuration("Timeout", timeout);
        checkDuration("StartPeriod", startPeriod);
        checkDuration("StartInterval", startInterval);
        if (retries < 0) {
            throw new IllegalArgumentException("health check Retries must not be negative: " + retries);
        }
        Objects.requireNonNull(unknownFields, "unknownFields");
    }

    private static void checkDuration(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException("health check " + name + " must not be negative: " + value);
        }
        try {
            value.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("health check " + name + " is too long: " + value, e);
        }
    }

    /**
     * Returns a health check running this test, with every timing left to the default.
     *
     * @param test such as {@code ["CMD", "/healthy"]}
     * @return the health check
     */
    public static HealthCheck of(List<String> test) {
        return new HealthCheck(test, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0,
                UnknownFields.none());
    }

    /**
     * Returns the health check that turns off an inherited one ({@code HEALTHCHECK NONE}).
     *
     * @return a check whose test is {@code ["NONE"]}
     */
    public static HealthCheck disabled() {
        return of(List.of("NONE"));
    }

    /**
     * Whether this check turns health checking off.
     *
     * @return true if the test is {@code ["NONE"]}
     */
    public boolean isDisabled() {
        return test.equals(List.of("NONE"));
    }

    /**
     * Returns this check with another interval.
     *
     * @param value the time between checks
     * @return the new check
     */
    public HealthCheck withInterval(Duration value) {
        return new HealthCheck(test, value, timeout, startPeriod, startInterval, retries, unknownFields);
    }

    /**
     * Returns this check with another timeout.
     *
     * @param value the time a check may take
     * @return the new check
     */
    public HealthCheck withTimeout(Duration value) {
        return new HealthCheck(test, interval, value, startPeriod, startInterval, retries, unknownFields);
    }

    /**
     * Returns this check with another start period.
     *
     * @param value the time during which failures do not count
     * @return the new check
     */
    public HealthCheck withStartPeriod(Duration value) {
        return new HealthCheck(test, interval, timeout, value, startInterval, retries, unknownFields);
    }

    /**
     * Returns this check with another start interval.
     *
     * @param value the time between checks during the start period
     * @return the new check
     */
    public HealthCheck withStartInterval(Duration value) {
        return new HealthCheck(test, interval, timeout, startPeriod, value, retries, unknownFields);
    }

    /**
     * Returns this check with another number of retries.
     *
     * @param value consecutive failures that make the container unhealthy
     * @return the new check
     */
    public HealthCheck withRetries(int value) {
        return new HealthCheck(test, interval, timeout, startPeriod, startInterval, value, unknownFields);
    }
}

package dev.stevedore.registry;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to retry: 5xx (except 501), 429, and connection failures, up to {@code maxAttempts},
 * waiting {@code Retry-After} (seconds or an HTTP date, by the injected clock) when the
 * registry sends one, else exponential backoff without jitter. A {@code Retry-After} longer
 * than {@code maxWait} is not waited for.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxWait) {
    static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(2));
    }

    static boolean retryableStatus(int status) {
        return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
    }

    /** The wait before attempt {@code failedAttempt + 1} without a Retry-After. */
    Duration backoff(int failedAttempt) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(20, failedAttempt - 1));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** The wait the {@code Retry-After} header asks for (never negative), if present and valid. */
    static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        return headers.firstValue("Retry-After").flatMap(value -> parseRetryAfter(value, clock));
    }

    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        String text = value.trim();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), when);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

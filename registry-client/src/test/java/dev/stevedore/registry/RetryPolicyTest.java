package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(RetryPolicy.parseRetryAfter("120", clock)).contains(Duration.ofSeconds(120));
    }

    @Test
    void readsRetryAfterAsAnHttpDateByTheInjectedClock() {
        assertThat(RetryPolicy.parseRetryAfter("Sun, 01 Mar 2026 12:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void ignoresGarbage() {
        assertThat(RetryPolicy.parseRetryAfter("soon", clock)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-5", clock)).isEmpty();
    }

    @Test
    void backsOffExponentiallyUpToTheCap() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(30)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retriesServerErrorsAndTooManyRequestsOnly() {
        assertThat(RetryPolicy.retryableStatus(503)).isTrue();
        assertThat(RetryPolicy.retryableStatus(429)).isTrue();
        assertThat(RetryPolicy.retryableStatus(500)).isTrue();
        assertThat(RetryPolicy.retryableStatus(501)).isFalse();
        assertThat(RetryPolicy.retryableStatus(404)).isFalse();
    }
}

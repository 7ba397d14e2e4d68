package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    private static final HealthCheck CHECK = HealthCheck.of(List.of("CMD", "true"));

    @Test
    void rejectsNegativeDuration() {
        // when / then
        assertThatThrownBy(() -> CHECK.withTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Timeout must not be negative");
    }

    @Test
    void rejectsDurationTooLongForNanoseconds() {
        // when / then
        assertThatThrownBy(() -> CHECK.withInterval(Duration.ofDays(365L * 1000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Interval is too long");
    }

    @Test
    void rejectsNegativeRetries() {
        // when / then
        assertThatThrownBy(() -> CHECK.withRetries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Retries must not be negative");
    }

    @Test
    void leavesTimingsToTheDefaultUntilSet() {
        // when
        HealthCheck tuned = CHECK.withStartPeriod(Duration.ofSeconds(5));

        // then
        assertThat(CHECK.startPeriod()).isZero();
        assertThat(tuned.startPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(tuned.interval()).isZero();
        assertThat(tuned.retries()).isZero();
    }
}

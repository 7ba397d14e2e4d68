package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class HumanTest {
    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvFileSource(resources = "human-duration.psv", delimiter = '|')
    void printsDurationsAsGoUnitsHumanDuration(double seconds, String expected) {
        // given
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));

        // when
        String text = Human.duration(d);

        // then
        assertThat(text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} B -> {1}")
    @CsvFileSource(resources = "human-size.psv", delimiter = '|')
    void printsSizesWithThreeSignificantDecimalDigits(long bytes, String expected) {
        assertThat(Human.size(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"512m,536870912", "1g,1073741824", "1GiB,1073741824", "64k,65536", "100,100", "1.5m,1572864"})
    void parsesMemorySizesAsDockerRunMemory(String text, long bytes) {
        assertThat(Human.ramInBytes(text)).isEqualTo(bytes);
    }

    @Test
    void rejectsAMemorySizeWithAnUnknownUnit() {
        assertThatThrownBy(() -> Human.ramInBytes("12q")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid size: '12q'");
    }

    @Test
    void cutsLongTextWithAnEllipsis() {
        assertThat(Human.ellipsis("httpd -f -v -p 80 -h /app/www", 20)).isEqualTo("httpd -f -v -p 80 -…");
        assertThat(Human.ellipsis("sh", 20)).isEqualTo("sh");
    }
}

package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelVersionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"4.8, 4, 8", "3.12, 3, 12", "6.18, 6, 18", "0.1, 0, 1", "255.255, 255, 255"})
    void parsesAProfilesMinKernel(String text, int major, int minor) {
        // when
        KernelVersion version = KernelVersion.parse(text);

        // then
        assertThat(version).isEqualTo(new KernelVersion(major, minor));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"4", "4.8.1", "a.b", "0.0", "256.1", "-1.2", "4.", "' 4.8'"})
    void rejectsMinKernelsDockerRejects(String text) {
        // when / then
        assertThatThrownBy(() -> KernelVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid kernel version \"" + text + "\", expected \"<major>.<minor>\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"6.18.0-1-amd64, 6, 18", "3.12-1-amd64, 3, 12", "3.12.25-gentoo, 3, 12", "5.4, 5, 4",
            "'6.1.0-rc5\n', 6, 1"})
    void readsMajorAndMinorFromAKernelRelease(String release, int major, int minor) {
        // when
        KernelVersion version = KernelVersion.ofRelease(release);

        // then
        assertThat(version).isEqualTo(new KernelVersion(major, minor));
    }

    @Test
    void knowsTheRunningKernel() throws Exception {
        // given
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease"));

        // when
        KernelVersion running = KernelVersion.running();

        // then
        assertThat(release).startsWith(running.major() + "." + running.minor());
    }

    @ParameterizedTest(name = "{0} >= {1}: {2}")
    @CsvSource({"4.8, 4.8, true", "4.9, 4.8, true", "5.0, 4.8, true", "4.7, 4.8, false", "3.99, 4.8, false"})
    void comparesMajorThenMinor(String version, String minimum, boolean atLeast) {
        // when
        boolean result = KernelVersion.parse(version).atLeast(KernelVersion.parse(minimum));

        // then
        assertThat(result).isEqualTo(atLeast);
    }
}

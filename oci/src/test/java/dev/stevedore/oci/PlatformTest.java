package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            linux   | x86_64  | ''   | linux/amd64
            linux   | x86-64  | ''   | linux/amd64
            linux   | AMD64   | ''   | linux/amd64
            linux   | amd64   | v1   | linux/amd64
            linux   | amd64   | v3   | linux/amd64/v3
            linux   | aarch64 | ''   | linux/arm64
            linux   | arm64   | v8   | linux/arm64
            linux   | arm64   | 8    | linux/arm64
            linux   | arm64   | v8.0 | linux/arm64
            linux   | arm64   | v8.2 | linux/arm64/v8.2
            linux   | arm64   | 9.0  | linux/arm64/v9
            linux   | armhf   | ''   | linux/arm/v7
            linux   | armel   | ''   | linux/arm/v6
            linux   | arm     | ''   | linux/arm/v7
            linux   | arm     | 7    | linux/arm/v7
            linux   | arm     | 6    | linux/arm/v6
            linux   | arm     | V5   | linux/arm/v5
            linux   | i386    | ''   | linux/386
            linux   | i686    | ''   | linux/386
            Linux   | amd64   | ''   | linux/amd64
            macos   | arm64   | ''   | darwin/arm64
            windows | amd64   | ''   | windows/amd64
            linux   | s390x   | ''   | linux/s390x
            """)
    void normalizesLikeContainerd(String os, String architecture, String variant, String normalized) {
        // given
        Platform raw = new Platform(os, architecture, Optional.of(variant), Optional.empty(), List.of());

        // when
        Platform platform = raw.normalized();

        // then
        assertThat(platform.toString()).isEqualTo(normalized);
        assertThat(Platform.of(os, architecture, variant)).isEqualTo(platform);
    }

    @Test
    void keepsValuesAsGivenUntilNormalized() {
        // when
        Platform raw = new Platform("linux", "arm64", Optional.of("v8"), Optional.of(""), List.of());

        // then
        assertThat(raw.variant()).contains("v8");
        assertThat(raw.osVersion()).isEmpty();
        assertThat(raw.normalized().variant()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            linux/arm64/v8              | linux/arm64
            linux/arm64                 | linux/arm64
            linux/aarch64               | linux/arm64
            linux/amd64                 | linux/amd64
            linux/arm                   | linux/arm/v7
            linux/arm/v6                | linux/arm/v6
            linux/armel                 | linux/arm/v6
            linux/386                   | linux/386
            LINUX/X86_64                | linux/amd64
            windows(10.0.17763)/amd64   | windows(10.0.17763)/amd64
            windows(10.0.17763+win32k)/amd64 | windows(10.0.17763+win32k)/amd64
            linux/riscv64               | linux/riscv64
            """)
    void parsesSpecifiers(String specifier, String expected) {
        // when
        Platform platform = Platform.parse(specifier);

        // then
        assertThat(platform.toString()).isEqualTo(expected);
        assertThat(Platform.parse(platform.toString())).isEqualTo(platform);
    }

    @Test
    void fillsTheHostArchitectureForALoneOperatingSystem() {
        // when
        Platform platform = Platform.parse("linux");

        // then
        assertThat(platform.os()).isEqualTo("linux");
        assertThat(platform.architecture()).isEqualTo(Platform.host().architecture());
    }

    @Test
    void fillsTheHostOperatingSystemForALoneArchitecture() {
        // when
        Platform platform = Platform.parse("aarch64");

        // then
        assertThat(platform.os()).isEqualTo(Platform.host().os());
        assertThat(platform.architecture()).isEqualTo("arm64");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                       | invalid os component ""
            linux/                   | invalid component ""
            linux/amd64/v1/extra     | expected at most <os>/<arch>/<variant>
            linux/am d64             | invalid component "am d64"
            lin*ux/amd64             | invalid os component "lin*ux"
            notanos                  | unknown operating system or architecture
            """)
    void rejectsMalformedSpecifiers(String specifier, String reason) {
        // when / then
        assertThatThrownBy(() -> Platform.parse(specifier))
                .isInstanceOf(InvalidPlatformException.class)
                .hasMessage("invalid platform \"" + specifier + "\": " + reason);
    }

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            linux/amd64      | linux/x86_64     | true
            linux/arm64      | linux/arm64/v8   | true
            linux/arm64/v8   | linux/aarch64    | true
            linux/arm        | linux/arm/v7     | true
            linux/arm/v7     | linux/armhf      | true
            linux/amd64      | linux/386        | false
            linux/arm/v7     | linux/arm/v6     | false
            linux/arm64      | linux/arm/v8     | false
            linux/amd64      | windows/amd64    | false
            darwin/arm64     | macos/arm64      | true
            """)
    void matchesExactlyAfterNormalization(String a, String b, boolean matches) {
        // when / then
        assertThat(Platform.parse(a).matches(Platform.parse(b))).isEqualTo(matches);
        assertThat(Platform.parse(b).matches(Platform.parse(a))).isEqualTo(matches);
    }

    @Test
    void matchesWhenOtherNeedsASubsetOfTheOsFeatures() {
        // given
        Platform host = new Platform("windows", "amd64", Optional.empty(), Optional.empty(), List.of("win32k", "a"));
        Platform image = new Platform("windows", "amd64", Optional.empty(), Optional.empty(), List.of("win32k"));
        Platform needsMore = new Platform("windows", "amd64", Optional.empty(), Optional.empty(), List.of("b"));

        // when / then
        assertThat(host.matches(image)).isTrue();
        assertThat(host.matches(needsMore)).isFalse();
    }

    @ParameterizedTest(name = "{0} runs {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            linux/amd64      | linux/amd64      | true
            linux/amd64      | linux/386        | true
            linux/amd64      | linux/amd64/v2   | false
            linux/amd64/v3   | linux/amd64/v2   | true
            linux/amd64/v3   | linux/amd64      | true
            linux/amd64/v2   | linux/amd64/v3   | false
            linux/386        | linux/amd64      | false
            linux/arm/v8     | linux/arm/v7     | true
            linux/arm/v8     | linux/arm/v5     | true
            linux/arm/v8     | linux/arm/v4     | false
            linux/arm/v7     | linux/arm        | true
            linux/arm/v7     | linux/arm/v8     | false
            linux/arm/v6     | linux/arm        | false
            linux/arm64      | linux/arm64/v8   | true
            linux/arm64      | linux/arm/v7     | true
            linux/arm64      | linux/arm/v8     | true
            linux/arm64      | linux/arm64/v9   | false
            linux/arm64/v8.1 | linux/arm64      | true
            linux/arm64/v8.1 | linux/arm64/v9   | false
            linux/arm64/v9   | linux/arm64/v8.5 | true
            linux/arm64/v9   | linux/arm64/v8.6 | false
            linux/arm64/v9   | linux/arm64      | true
            linux/arm64/v9   | linux/arm/v6     | true
            linux/amd64      | windows/amd64    | false
            linux/amd64      | linux/arm64      | false
            """)
    void runsCompatibleOlderVariants(String host, String image, boolean runs) {
        // when / then
        assertThat(Platform.parse(host).canRun(Platform.parse(image))).isEqualTo(runs);
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Linux      | amd64   | linux/amd64
            Linux      | x86_64  | linux/amd64
            Linux      | aarch64 | linux/arm64
            Linux      | x86     | linux/386
            Linux      | arm     | linux/arm/v7
            Linux      | ppc64le | linux/ppc64le
            Mac OS X   | aarch64 | darwin/arm64
            Windows 11 | amd64   | windows/amd64
            FreeBSD    | amd64   | freebsd/amd64
            """)
    void derivesThePlatformFromJvmProperties(String osName, String osArch, String expected) {
        // when / then
        assertThat(Platform.fromJvm(osName, osArch).toString()).isEqualTo(expected);
    }

    @Test
    void knowsThisHost() {
        // given: an x86-64 Linux machine, as CI and the development machines are
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
        assumeThat(System.getProperty("os.arch")).isEqualTo("amd64");

        // when
        Platform host = Platform.host();

        // then
        assertThat(host.toString()).isEqualTo("linux/amd64");
    }

    @Test
    void rejectsEmptyOsOrArchitecture() {
        // when / then
        assertThatThrownBy(() -> new Platform("", "amd64", Optional.empty(), Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

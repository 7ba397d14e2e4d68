package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "linux/amd64, linux/amd64",
        "linux/x86_64, linux/amd64",
        "Linux/AMD64, linux/amd64",
        "linux/amd64/v1, linux/amd64",
        "linux/amd64/v3, linux/amd64/v3",
        "linux/aarch64, linux/arm64",
        "linux/arm64/v8, linux/arm64",
        "linux/arm64/9, linux/arm64/v9",
        "linux/arm, linux/arm/v7",
        "linux/armhf, linux/arm/v7",
        "linux/armel, linux/arm/v6",
        "linux/arm/6, linux/arm/v6",
        "linux/i386, linux/386",
        "macos/arm64, darwin/arm64",
        "windows(10.0.17763)/amd64, windows/amd64",
        "linux/riscv64, linux/riscv64",
    })
    void parsesAndNormalizesLikeContainerd(String specifier, String expected) {
        assertThat(Platform.parse(specifier).format()).isEqualTo(expected);
    }

    @Test
    void takesTheMissingPartOfALoneOsOrArchitectureFromThisMachine() {
        // given
        Platform host = Platform.host();

        // when, then
        assertThat(Platform.parse("linux")).isEqualTo(host);
        assertThat(Platform.parse("arm64").os()).isEqualTo("linux");
        assertThat(Platform.parse("arm64").architecture()).isEqualTo("arm64");
    }

    @Test
    void rejectsInvalidSpecifiersWithContainerdsMessages() {
        assertThatThrownBy(() -> Platform.parse("linux/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"\" is an invalid component of \"linux/\": platform specifier component must match "
                        + "\"^[A-Za-z0-9_.-]+$\": invalid argument");
        assertThatThrownBy(() -> Platform.parse("linux/*")).hasMessageContaining("wildcards not yet supported");
        assertThatThrownBy(() -> Platform.parse("nosuch")).hasMessage(
                "\"nosuch\": unknown operating system or architecture: invalid argument");
        assertThatThrownBy(() -> Platform.parse("a/b/c/d")).hasMessage(
                "\"a/b/c/d\": cannot parse platform specifier: invalid argument");
        assertThatThrownBy(() -> Platform.parse("li nux/amd64")).hasMessageContaining("is an invalid OS component");
    }

    @Test
    void buildsFromPartsAndNormalizesThem() {
        assertThat(Platform.of("linux", "x86_64")).isEqualTo(new Platform("linux", "amd64", ""));
        assertThat(new Platform("linux", "arm", "").variant()).isEqualTo("v7");
        assertThat(Platform.of("linux", "arm64")).hasToString("linux/arm64");
        assertThatThrownBy(() -> Platform.of("", "amd64")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Platform.of("linux", "am/d64")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesQuietlyForLintChecks() {
        assertThat(Platform.tryParse("linux/amd64")).contains(Platform.of("linux", "amd64"));
        assertThat(Platform.tryParse("linux/")).isEmpty();
    }
}

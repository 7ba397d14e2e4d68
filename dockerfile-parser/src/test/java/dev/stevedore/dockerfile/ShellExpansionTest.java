package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellExpansionTest {

    @ParameterizedTest(name = "{0} expands: {1}")
    @CsvSource({
        "ADD, true", "arg, true", "COPY, true", "Env, true", "EXPOSE, true", "FROM, true", "LABEL, true",
        "STOPSIGNAL, true", "USER, true", "VOLUME, true", "WORKDIR, true", "ONBUILD, true",
        "RUN, false", "CMD, false", "ENTRYPOINT, false", "SHELL, false", "HEALTHCHECK, false", "MAINTAINER, false",
    })
    void knowsWhichInstructionsExpand(String keyword, boolean expands) {
        assertThat(ShellExpansion.expands(keyword)).isEqualTo(expands);
        assertThat(ShellExpansion.EXPANDING_INSTRUCTIONS).hasSize(12);
    }
}

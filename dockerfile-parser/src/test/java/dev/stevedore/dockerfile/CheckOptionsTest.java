package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckOptionsTest {

    @Test
    void readsSkipErrorAndExperimental() {
        // when
        CheckOptions c = CheckOptions.parse(" skip = JSONArgsRecommended , FromAsCasing ;error=true;experimental=all");

        // then
        assertThat(c.skip()).containsExactly("JSONArgsRecommended", "FromAsCasing");
        assertThat(c.error()).isTrue();
        assertThat(c.experimentalAll()).isTrue();
        assertThat(c.enabled(LintRule.JSON_ARGS_RECOMMENDED)).isFalse();
        assertThat(c.enabled(LintRule.UNDEFINED_VAR)).isTrue();
        assertThat(c.enabled(LintRule.INVALID_DEFINITION_DESCRIPTION)).isTrue();
    }

    @Test
    void skipAllLeavesExperimentalRulesToTheirOwnSwitch() {
        // when
        CheckOptions c = CheckOptions.parse("skip=all;experimental=InvalidDefinitionDescription");

        // then
        assertThat(c.enabled(LintRule.UNDEFINED_VAR)).isFalse();
        assertThat(c.enabled(LintRule.INVALID_DEFINITION_DESCRIPTION)).isTrue();
        assertThat(CheckOptions.none().enabled(LintRule.INVALID_DEFINITION_DESCRIPTION)).isFalse();
    }

    @ParameterizedTest(name = "error={0}")
    @CsvSource({"1, true", "t, true", "TRUE, true", "True, true", "0, false", "f, false", "False, false"})
    void readsErrorAsGoBooleans(String value, boolean expected) {
        assertThat(CheckOptions.parse("error=" + value).error()).isEqualTo(expected);
    }

    @Test
    void rejectsWhatBuildKitRejects() {
        assertThatThrownBy(() -> CheckOptions.parse("skip")).hasMessage("invalid check option \"skip\"");
        assertThatThrownBy(() -> CheckOptions.parse("foo=bar")).hasMessage("invalid check option \"foo\"");
        assertThatThrownBy(() -> CheckOptions.parse("error=yes")).hasMessage(
                "failed to parse check option \"error=yes\": strconv.ParseBool: parsing \"yes\": invalid syntax");
    }

    @Test
    void splitsIntoAtMostThreeOptionsAsBuildKitDoes() {
        // when: the third part keeps its semicolons
        CheckOptions c = CheckOptions.parse("error=false;skip=A;experimental=B;C");

        // then
        assertThat(c.experimental()).containsExactly("B;C");
        assertThat(CheckOptions.parse("").equals(CheckOptions.none())).isTrue();
    }

    @Test
    void readsTheFirstCheckCommentAndIgnoresInvalidOnes() {
        assertThat(CheckOptions.fromComments(List.of("a note", "check=skip=A // why", "check=skip=B")))
                .hasValueSatisfying(c -> assertThat(c.skip()).containsExactly("A"));
        assertThat(CheckOptions.fromComments(List.of("CHECK = skip=all"))).hasValueSatisfying(
                c -> assertThat(c.skipAll()).isTrue());
        assertThat(CheckOptions.fromComments(List.of("check=bogus"))).isEmpty();
        assertThat(CheckOptions.fromComments(List.of("syntax=docker/dockerfile:1"))).isEmpty();
    }

    @Test
    void mergesSkipsButKeepsError() {
        // given
        CheckOptions file = CheckOptions.parse("skip=A;error=true");

        // when
        CheckOptions merged = file.merge(CheckOptions.parse("skip=B;error=false;experimental=C"));

        // then
        assertThat(merged.skip()).containsExactly("A", "B");
        assertThat(merged.experimental()).containsExactly("C");
        assertThat(merged.error()).isTrue();
    }
}

package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildArgsTest {

    @Test
    void defaultsToThisMachineAndTheLastStage() {
        // when
        BuildArgs args = BuildArgs.none();

        // then
        assertThat(args.values()).isEmpty();
        assertThat(args.targetPlatform()).isEqualTo(Platform.host());
        assertThat(args.buildPlatform()).isEqualTo(Platform.host());
        assertThat(args.target()).isEmpty();
    }

    @Test
    void derivesCopiesWithPlatformsAndTarget() {
        // given
        BuildArgs args = BuildArgs.of(Map.of("A", "1"));

        // when
        BuildArgs derived = args.withPlatform(Platform.parse("linux/arm64"))
                .withBuildPlatform(Platform.parse("linux/amd64")).withTarget("Release");

        // then
        assertThat(derived.targetPlatform().format()).isEqualTo("linux/arm64");
        assertThat(derived.buildPlatform().format()).isEqualTo("linux/amd64");
        assertThat(derived.target()).contains("Release");
        assertThat(derived.value("A")).contains("1");
        assertThat(derived.value("a")).isEmpty();
        assertThat(args.target()).isEmpty();
        assertThat(args.withTarget("").target()).isEmpty();
    }

    @Test
    void copiesTheValuesAndRejectsNulls() {
        // given
        Map<String, String> values = new HashMap<>(Map.of("A", "1"));
        BuildArgs args = BuildArgs.of(values);

        // when
        values.put("B", "2");

        // then
        assertThat(args.values()).containsOnlyKeys("A");
        assertThatThrownBy(() -> args.values().put("C", "3")).isInstanceOf(UnsupportedOperationException.class);
        Map<String, String> withNull = new HashMap<>();
        withNull.put("A", null);
        assertThatThrownBy(() -> BuildArgs.of(withNull)).isInstanceOf(NullPointerException.class);
    }
}

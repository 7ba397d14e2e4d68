package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerConfigTest {

    @Test
    void keepsSetsAndMapsSorted() {
        // when
        ContainerConfig run = ContainerConfig.empty()
                .withExposedPorts(new HashSet<>(List.of("9000/tcp", "1000/udp", "5000/tcp")))
                .withLabels(Map.of("z", "1", "m", "2", "a", "3"));

        // then
        assertThat(run.exposedPorts()).containsExactly("1000/udp", "5000/tcp", "9000/tcp");
        assertThat(run.labels().keySet()).containsExactly("a", "m", "z");
    }

    @Test
    void copiesListsItIsGiven() {
        // given
        List<String> cmd = new ArrayList<>(List.of("sh"));
        ContainerConfig run = ContainerConfig.empty().withCmd(cmd);

        // when
        cmd.add("-c");

        // then
        assertThat(run.cmd()).containsExactly("sh");
        assertThatThrownBy(() -> run.cmd().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A=B"})
    void rejectsInvalidEnvironmentVariableName(String name) {
        // when / then
        assertThatThrownBy(() -> ContainerConfig.empty().withEnvVariable(name, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid environment variable name");
    }

    @Test
    void rejectsLabelWithoutValue() {
        // given
        Map<String, String> labels = new HashMap<>();
        labels.put("a", null);

        // when / then
        assertThatThrownBy(() -> ContainerConfig.empty().withLabels(labels)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void setsEachRunSetting() {
        // when
        ContainerConfig run = ContainerConfig.empty().withUser("nobody").withWorkingDir("/w")
                .withStopSignal("SIGTERM").withVolumes(Set.of("/v")).withShell(List.of("/bin/sh", "-c"))
                .withOnBuild(List.of("RUN x")).withEntrypoint(List.of("/e"))
                .withHealthcheck(HealthCheck.disabled());

        // then
        assertThat(run.user()).contains("nobody");
        assertThat(run.workingDir()).contains("/w");
        assertThat(run.stopSignal()).contains("SIGTERM");
        assertThat(run.volumes()).containsExactly("/v");
        assertThat(run.shell()).containsExactly("/bin/sh", "-c");
        assertThat(run.onBuild()).containsExactly("RUN x");
        assertThat(run.entrypoint()).containsExactly("/e");
        assertThat(run.healthcheck().map(HealthCheck::isDisabled)).contains(true);
    }
}

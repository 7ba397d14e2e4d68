package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.oci.ContainerConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class ConfigMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/dev/stevedore/config-merge-command.psv", delimiter = '|', quoteCharacter = '\'')
    void combinesEntrypointAndCmdAsDocker(String name, String imageEntrypoint, String imageCmd, String entrypoint,
            String cmd, String expected) {
        // given
        ContainerConfig image = ContainerConfig.empty();
        if (list(imageEntrypoint).isPresent()) {
            image = image.withEntrypoint(list(imageEntrypoint).get());
        }
        if (list(imageCmd).isPresent()) {
            image = image.withCmd(list(imageCmd).get());
        }
        ContainerBuilder request = ContainerRequest.builder("img");
        list(entrypoint).ifPresent(request::entrypoint);
        list(cmd).ifPresent(request::cmd);
        ContainerConfig config = image;

        // when / then
        if (expected.equals("ERROR")) {
            assertThatThrownBy(() -> ConfigMerge.merge(config, request.build(), "h"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no command specified");
        } else {
            assertThat(ConfigMerge.merge(config, request.build(), "h").args()).isEqualTo(list(expected).orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/dev/stevedore/config-merge-env.psv", delimiter = '|', quoteCharacter = '\'')
    void buildsTheEnvironmentAsDocker(String name, String imageEnv, String requestEnv, String hostname, String expected) {
        // given
        ContainerConfig image = ContainerConfig.empty().withEnv(list(imageEnv).orElseThrow()).withCmd(List.of("sh"));
        ContainerBuilder request = ContainerRequest.builder("img");
        list(requestEnv).orElseThrow().forEach(request::env);

        // when
        ConfigRun run = ConfigMerge.merge(image, request.build(), hostname);

        // then
        assertThat(run.env()).isEqualTo(list(expected).orElseThrow());
    }

    @Test
    void keepsTheContainerConfigEnvWithoutTheDaemonDefaults() {
        ContainerConfig image = ContainerConfig.empty().withEnv(List.of("A=1", "B=2")).withCmd(List.of("sh"));
        ConfigRun run = ConfigMerge.merge(image, ContainerRequest.builder("img").env("B", "3").build(), "h");
        assertThat(run.configEnv()).containsExactly("B=3", "A=1");
    }

    @Test
    void takesWorkdirUserAndStopSignalFromTheRequestThenTheImage() {
        ContainerConfig image = ContainerConfig.empty().withCmd(List.of("sh")).withWorkingDir("/srv")
                .withUser("app").withStopSignal("SIGQUIT");

        ConfigRun fromImage = ConfigMerge.merge(image, ContainerRequest.builder("img").build(), "h");
        ConfigRun fromRequest = ConfigMerge.merge(image, ContainerRequest.builder("img").workdir("/tmp").user("0:0")
                .stopSignal("SIGINT").build(), "h");
        ConfigRun defaults = ConfigMerge.merge(ContainerConfig.empty().withCmd(List.of("sh")),
                ContainerRequest.builder("img").build(), "h");

        assertThat(fromImage.workdir()).isEqualTo("/srv");
        assertThat(fromImage.user()).contains("app");
        assertThat(fromImage.stopSignal()).isEqualTo("SIGQUIT");
        assertThat(fromImage.stopSignalNumber()).isEqualTo(3);
        assertThat(fromRequest.workdir()).isEqualTo("/tmp");
        assertThat(fromRequest.user()).contains("0:0");
        assertThat(fromRequest.stopSignalNumber()).isEqualTo(2);
        assertThat(defaults.workdir()).isEqualTo("/");
        assertThat(defaults.user()).isEmpty();
        assertThat(defaults.stopSignal()).isEqualTo("SIGTERM");
    }

    @Test
    void listsExposedAndPublishedPortsAndMergesLabels() {
        ContainerConfig image = ContainerConfig.empty().withCmd(List.of("sh")).withExposedPorts(Set.of("80/tcp"))
                .withLabels(Map.of("a", "image", "b", "image"));
        ConfigRun run = ConfigMerge.merge(image, ContainerRequest.builder("img").publish(PortSpec.udp(0, 53))
                .label("b", "request").label("c", "request").build(), "h");
        assertThat(run.exposedPorts()).containsExactlyInAnyOrder("80/tcp", "53/udp");
        assertThat(run.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "image", "b", "request", "c", "request"));
    }

    @Test
    void givesTheHostnameItWasGiven() {
        ConfigRun run = ConfigMerge.merge(ContainerConfig.empty().withCmd(List.of("sh")),
                ContainerRequest.builder("img").build(), "4f2a9c1d0b3e");
        assertThat(run.hostname()).isEqualTo("4f2a9c1d0b3e");
        assertThat(run.env()).contains("HOSTNAME=4f2a9c1d0b3e");
    }

    private static Optional<List<String>> list(String cell) {
        String s = cell == null ? "-" : cell.trim();
        if (s.equals("-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(s, new TypeReference<List<String>>() { }));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad table cell " + cell, e);
        }
    }
}

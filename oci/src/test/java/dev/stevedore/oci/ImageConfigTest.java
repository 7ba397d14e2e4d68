package dev.stevedore.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Digest DIFF1 = Digest.sha256("0697c0f434f8672811eb1b52d443d0d4cb616fa58e4d10b25e91471b7f45a665");
    private static final Digest DIFF2 = Digest.sha256("a9485d17c39b521f9de31b558df98f81dd72a9c7498f57f27b74356ea150fbd9");

    @Test
    void readsADockerConfig() {
        // when
        ImageConfig image = ImageConfig.parse(Fixtures.read("docker-config.json"));

        // then
        assertThat(image.platform()).isEqualTo(Platform.of("linux", "amd64"));
        assertThat(image.variant()).isEmpty();
        assertThat(image.created()).contains(Instant.parse("2024-03-08T18:52:23.123456789Z"));
        assertThat(image.rootfs().diffIds()).containsExactly(DIFF1);
        ContainerConfig run = image.config();
        assertThat(run.user()).contains("app");
        assertThat(run.env()).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8");
        assertThat(run.envVariable("LANG")).contains("C.UTF-8");
        assertThat(run.cmd()).containsExactly("python3", "app.py");
        assertThat(run.entrypoint()).isEmpty();
        assertThat(run.exposedPorts()).containsExactly("443/tcp", "8080/tcp");
        assertThat(run.volumes()).containsExactly("/data");
        assertThat(run.workingDir()).contains("/srv");
        assertThat(run.labels()).containsEntry("maintainer", "ops").hasSize(2);
        assertThat(run.stopSignal()).contains("SIGQUIT");
        assertThat(run.shell()).containsExactly("/bin/bash", "-c");
        assertThat(run.onBuild()).isEmpty();
        assertThat(run.argsEscaped()).isFalse();
    }

    @Test
    void readsHealthCheckDurationsAsNanoseconds() {
        // when
        HealthCheck check = ImageConfig.parse(Fixtures.read("docker-config.json")).config().healthcheck().orElseThrow();

        // then
        assertThat(check.test()).containsExactly("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1");
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(check.startPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(check.startInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(check.retries()).isEqualTo(3);
        assertThat(check.isDisabled()).isFalse();
    }

    @Test
    void readsHistoryWithOffsetsAsInstants() {
        // when
        List<History> history = ImageConfig.parse(Fixtures.read("docker-config.json")).history();

        // then
        assertThat(history).hasSize(2);
        assertThat(history.get(0).emptyLayer()).isFalse();
        assertThat(history.get(1).emptyLayer()).isTrue();
        assertThat(history.get(1).created()).contains(Instant.parse("2024-03-08T16:52:23.123456789Z"));
        assertThat(history.get(1).unknownFields().names()).containsExactly("x-builder-step");
    }

    @Test
    void keepsUnknownFieldsAtEveryLevelWhenEnvIsChanged() throws IOException {
        // given
        byte[] original = Fixtures.read("docker-config.json");
        JsonNode before = JSON.readTree(original);
        ImageConfig image = ImageConfig.parse(original);

        // when
        ImageConfig changed = image.withConfig(image.config().withEnvVariable("LANG", "en_US.UTF-8")
                .withEnvVariable("APP_MODE", "production"));
        JsonNode after = JSON.readTree(changed.toJson());

        // then: the change is there
        assertThat(after.at("/config/Env").toString()).isEqualTo("[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:"
                + "/usr/bin:/sbin:/bin\",\"LANG=en_US.UTF-8\",\"APP_MODE=production\"]");
        // and every field this module does not model is intact
        for (String field : List.of("/container", "/container_config", "/docker_version", "/config/Hostname",
                "/config/Domainname", "/config/AttachStdin", "/config/Tty", "/config/Image",
                "/config/Healthcheck/X-Probe-Hint", "/history/1/x-builder-step")) {
            assertThat(after.at(field)).as(field).isEqualTo(before.at(field));
            assertThat(after.at(field).isMissingNode()).as(field).isFalse();
        }
        assertThat(ImageConfig.parse(changed.toJson())).isEqualTo(changed);
    }

    @Test
    void keepsUnknownFieldsThroughRepeatedRoundTrips() {
        // given
        ImageConfig image = ImageConfig.parse(Fixtures.read("docker-config.json"));

        // when
        byte[] once = image.toJson();
        byte[] twice = ImageConfig.parse(once).toJson();

        // then
        assertThat(twice).isEqualTo(once);
        assertThat(image.unknownFields().names()).containsExactly("container", "container_config", "docker_version");
        assertThat(image.unknownFields().get("docker_version").map(JsonNode::textValue)).contains("24.0.7");
    }

    @Test
    void writesAMinimalConfigForAPlatform() {
        // given
        ImageConfig image = ImageConfig.of(Platform.parse("linux/arm/v7"));

        // when
        String json = new String(image.toJson(), UTF_8);

        // then
        assertThat(json).isEqualTo("{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
    }

    @Test
    void writesEveryFieldItModels() {
        // given
        HealthCheck check = HealthCheck.of(List.of("CMD", "/healthy")).withInterval(Duration.ofSeconds(30))
                .withTimeout(Duration.ofMillis(1500)).withStartPeriod(Duration.ofNanos(1))
                .withStartInterval(Duration.ofSeconds(2)).withRetries(4);
        ContainerConfig run = ContainerConfig.empty().withUser("1000:1000").withEnv(List.of("A=1"))
                .withEntrypoint(List.of("/init")).withCmd(List.of("serve")).withWorkingDir("/app")
                .withExposedPorts(Set.of("80/tcp", "53/udp")).withVolumes(Set.of("/b", "/a"))
                .withLabels(Map.of("z", "1", "a", "2")).withStopSignal("SIGINT").withHealthcheck(check)
                .withShell(List.of("/bin/ash", "-c")).withOnBuild(List.of("RUN make"));
        ImageConfig image = ImageConfig.of(Platform.parse("linux/amd64")).withConfig(run)
                .withCreated(Instant.parse("2024-01-02T03:04:05.100Z")).withAuthor("ci")
                .withLayer(DIFF1, History.of(Instant.parse("2024-01-02T03:04:05Z"), "COPY . /app"));

        // when
        String json = new String(image.toJson(), UTF_8);

        // then
        assertThat(json).isEqualTo("{\"created\":\"2024-01-02T03:04:05.1Z\",\"author\":\"ci\",\"architecture\":\"amd64\","
                + "\"os\":\"linux\",\"config\":{\"User\":\"1000:1000\",\"ExposedPorts\":{\"53/udp\":{},\"80/tcp\":{}},"
                + "\"Env\":[\"A=1\"],\"Entrypoint\":[\"/init\"],\"Cmd\":[\"serve\"],\"Volumes\":{\"/a\":{},\"/b\":{}},"
                + "\"WorkingDir\":\"/app\",\"Labels\":{\"a\":\"2\",\"z\":\"1\"},\"StopSignal\":\"SIGINT\","
                + "\"Healthcheck\":{\"Test\":[\"CMD\",\"/healthy\"],\"Interval\":30000000000,\"Timeout\":1500000000,"
                + "\"StartPeriod\":1,\"StartInterval\":2000000000,\"Retries\":4},\"OnBuild\":[\"RUN make\"],"
                + "\"Shell\":[\"/bin/ash\",\"-c\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + DIFF1 + "\"]},"
                + "\"history\":[{\"created\":\"2024-01-02T03:04:05Z\",\"created_by\":\"COPY . /app\"}]}");
        assertThat(ImageConfig.parse(image.toJson())).isEqualTo(image);
    }

    @Test
    void addsLayersAndEmptySteps() {
        // given
        ImageConfig base = ImageConfig.of(Platform.parse("linux/amd64"));
        Instant now = Instant.parse("2024-01-01T00:00:00Z");

        // when
        ImageConfig image = base.withLayer(DIFF1, History.of(now, "ADD rootfs.tar /"))
                .withEmptyLayerStep(History.of(now, "ENV A=1").withComment("buildkit"))
                .withLayer(DIFF2, History.of(now, "RUN make"));

        // then
        assertThat(image.rootfs().diffIds()).containsExactly(DIFF1, DIFF2);
        assertThat(image.history()).extracting(History::emptyLayer).containsExactly(false, true, false);
        assertThat(image.history().get(1).comment()).contains("buildkit");
        assertThat(base.history()).isEmpty();
    }

    @Test
    void replacesTheHistoryAndDatesAnEntry() {
        Instant then = Instant.parse("2024-01-01T00:00:00Z");
        ImageConfig image = ImageConfig.of(Platform.parse("linux/amd64")).withLayer(DIFF1, History.of(then, "ADD x /"));
        History step = image.history().get(0);

        ImageConfig changed = image.withHistory(List.of(step.withCreated(then.plusSeconds(60))));

        assertThat(changed.history()).extracting(h -> h.created().orElseThrow()).containsExactly(then.plusSeconds(60));
        assertThat(changed.history().get(0).createdBy()).contains("ADD x /");
        assertThat(changed.rootfs()).isEqualTo(image.rootfs());
        assertThat(image.history().get(0).created()).contains(then);
        assertThat(ImageConfig.parse(changed.toJson()).history()).isEqualTo(changed.history());
    }

    @Test
    void replacesAnEnvironmentVariableInPlace() {
        // given
        ContainerConfig run = ContainerConfig.empty().withEnv(List.of("A=1", "B=2", "C=3"));

        // when
        ContainerConfig changed = run.withEnvVariable("B", "two").withEnvVariable("D", "4");

        // then
        assertThat(changed.env()).containsExactly("A=1", "B=two", "C=3", "D=4");
        assertThat(changed.envVariable("AB")).isEmpty();
    }

    @Test
    void treatsDockerEmptyStringsAsAbsent() {
        // given
        String json = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"os.version\":\"\",\"variant\":\"\","
                + "\"config\":{\"User\":\"\",\"WorkingDir\":\"\",\"Cmd\":null,\"Entrypoint\":null,\"OnBuild\":null},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";

        // when
        ImageConfig image = ImageConfig.parse(json.getBytes(UTF_8));

        // then
        assertThat(image.osVersion()).isEmpty();
        assertThat(image.variant()).isEmpty();
        assertThat(image.config()).isEqualTo(ContainerConfig.empty());
    }

    @Test
    void disablesAnInheritedHealthCheck() {
        // when
        HealthCheck none = HealthCheck.disabled();

        // then
        assertThat(none.isDisabled()).isTrue();
        assertThat(none.test()).containsExactly("NONE");
    }
}

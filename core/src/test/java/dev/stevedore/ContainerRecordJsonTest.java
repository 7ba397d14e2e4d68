package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerRecordJsonTest {
    static ContainerRecord sample(String id, String name, ContainerStatus status) {
        ConfigRun run = new ConfigRun(List.of("/entry"), List.of("a", "b"), List.of("/entry", "a", "b"),
                List.of("PATH=/bin", "HOSTNAME=h"), List.of("PATH=/bin"), "/srv", Optional.of("app"), "h", "SIGTERM",
                Set.of("80/tcp"), Map.of("k", "v"));
        return new ContainerRecord(id, name, "sha256:" + "c".repeat(64), "busybox", "sha256:" + "d".repeat(64), run,
                List.of(Path.of("/store/snap/2/fs"), Path.of("/store/snap/1/fs")),
                List.of(ContainerMount.bind(Path.of("/srv/x"), "/x").asReadOnly(), ContainerMount.tmpfs("/run", 1024),
                        ContainerMount.volume("data", "/data")),
                List.of(PortSpec.tcp(0, 80)), List.of(new PortBinding(PortProtocol.TCP, "0.0.0.0", 41000, 80)),
                NetworkMode.named("app"), List.of("db"),
                new ContainerLimits(OptionalLong.of(64L << 20), OptionalDouble.of(0.5), OptionalLong.of(100)),
                true, false, true, Duration.ofSeconds(7), Instant.parse("2026-01-02T03:04:05Z"), status,
                Optional.of(Instant.parse("2026-01-02T03:04:06Z")), Optional.empty(),
                status == ContainerStatus.EXITED ? OptionalInt.of(3) : OptionalInt.empty(), false,
                OptionalLong.of(42), Optional.of(Instant.parse("2026-01-01T00:00:00Z")), OptionalLong.of(4242),
                Optional.empty());
    }

    @Test
    void roundTripsEveryField() throws IOException {
        ContainerRecord r = sample("a".repeat(64), "web", ContainerStatus.RUNNING);
        assertThat(ContainerRecordJson.read(ContainerRecordJson.write(r))).isEqualTo(r);
    }

    @Test
    void roundTripsAnExitedRecord() throws IOException {
        ContainerRecord r = sample("b".repeat(64), "job", ContainerStatus.RUNNING)
                .exited(new ContainerExit(3, true, Optional.of(Instant.parse("2026-01-02T03:05:00Z"))));
        ContainerRecord back = ContainerRecordJson.read(ContainerRecordJson.write(r));
        assertThat(back).isEqualTo(r);
        assertThat(back.exit()).contains(new ContainerExit(3, true, Optional.of(Instant.parse("2026-01-02T03:05:00Z"))));
        assertThat(back.ownerPid()).isEmpty();
        assertThat(back.pid()).isEmpty();
    }

    @Test
    void roundTripsTextThatJsonMustEscape() throws IOException {
        // given: quotes, backslashes, control characters, line separators and non-ASCII in every kind of field
        String odd = "a\"b\\c\nd\re\tf\u0001g\u001fh\u2028i\u00e9j\u4e2dk\ud83d\ude00l/m";
        ContainerRecord sample = sample("e".repeat(64), "odd", ContainerStatus.CREATED);
        ConfigRun run = new ConfigRun(List.of(odd), List.of(odd, ""), List.of(odd), List.of("X=" + odd), List.of(),
                odd, Optional.of(odd), "h", "SIGTERM", Set.of(odd), Map.of(odd, odd, "k", ""));
        ContainerRecord r = new ContainerRecord(sample.id(), sample.name(), sample.imageId(), odd,
                sample.manifestDigest(), run, List.of(Path.of("/store/" + odd)),
                List.of(ContainerMount.bind(Path.of("/srv/" + odd), "/x" + odd)), List.of(), List.of(),
                NetworkMode.none(), List.of(odd), sample.limits(), false, false, false, sample.stopTimeout(),
                sample.created(), ContainerStatus.CREATED, Optional.empty(), Optional.empty(), OptionalInt.empty(),
                false, OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());

        // when
        byte[] json = ContainerRecordJson.write(r);

        // then: valid JSON, read back as it was
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("imageRef").asText())
                .isEqualTo(odd);
        assertThat(ContainerRecordJson.read(json)).isEqualTo(r);
    }

    @Test
    void refusesAnUnknownVersion() {
        byte[] json = "{\"version\":99}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ContainerRecordJson.read(json)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void refusesAMissingField() {
        byte[] json = "{\"version\":1,\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ContainerRecordJson.read(json)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing field");
    }
}

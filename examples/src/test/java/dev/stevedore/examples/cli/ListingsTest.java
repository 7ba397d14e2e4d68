package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.ContainerInfo;
import dev.stevedore.ContainerStatus;
import dev.stevedore.NetworkMode;
import dev.stevedore.PortBinding;
import dev.stevedore.PortProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code ps} and {@code images} against golden files, with a fixed "now". */
class ListingsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static ContainerInfo container(String idPrefix, String name, String image, List<String> command,
            Instant created, ContainerStatus status, OptionalInt exit, Optional<Instant> started,
            Optional<Instant> finished, List<PortBinding> ports, Set<String> exposed) {
        String id = (idPrefix + "0".repeat(64)).substring(0, 64);
        return new ContainerInfo(id, name, "sha256:" + "a".repeat(64), image, command, created, status, exit, started,
                finished, ports, exposed, Map.of(), NetworkMode.none(), false, true, List.of());
    }

    static List<ContainerInfo> containers() {
        return List.of(
                container("4f2a9c1d0b3e77", "friendly_web", "friendlyhello",
                        List.of("httpd", "-f", "-v", "-p", "80", "-h", "/app/www"), NOW.minusSeconds(130),
                        ContainerStatus.RUNNING, OptionalInt.empty(), Optional.of(NOW.minusSeconds(3)),
                        Optional.empty(), List.of(new PortBinding(PortProtocol.TCP, "0.0.0.0", 4000, 80)),
                        Set.of("80/tcp")),
                container("0b3e4f2a9c1d88", "hello", "hello-world", List.of("cat", "/hello.txt"),
                        NOW.minusSeconds(95), ContainerStatus.EXITED, OptionalInt.of(0),
                        Optional.of(NOW.minusSeconds(94)), Optional.of(NOW.minusSeconds(5)), List.of(), Set.of()),
                container("9c1d0b3e4f2a99", "db", "busybox", List.of("sleep", "1000"),
                        NOW.minusSeconds(4000), ContainerStatus.CREATED, OptionalInt.empty(), Optional.empty(),
                        Optional.empty(), List.of(), Set.of()),
                container("1d0b3e4f2a9caa", "old", "busybox", List.of("sh", "-c", "exit 3"),
                        NOW.minusSeconds(3 * 86400), ContainerStatus.EXITED, OptionalInt.of(3),
                        Optional.of(NOW.minusSeconds(3 * 86400)), Optional.of(NOW.minusSeconds(5400)), List.of(),
                        Set.of()));
    }

    static List<Listings.ImageRow> images() {
        return List.of(
                new Listings.ImageRow(List.of("docker.io/library/friendlyhello:latest",
                        "127.0.0.1:5000/demo/friendlyhello:part2"), "sha256:cabcd24203803c6159c682d1b36e45a0",
                        Optional.of(NOW.minusSeconds(65)), 1_040_213),
                new Listings.ImageRow(List.of("docker.io/library/busybox:latest"), "sha256:4b695dcfbee3aaaa",
                        Optional.of(Instant.parse("2024-01-01T00:00:00Z")), 1_031_000),
                new Listings.ImageRow(List.of(), "sha256:0123456789abcdef", Optional.of(NOW.minusSeconds(7200)), 512));
    }

    @Test
    void psTableMatchesDockersColumnsAndRelativeTimes() throws IOException {
        // given
        var rows = Listings.containers(containers(), NOW, true);

        // when
        String table = OutputFormat.parse(Listings.PS_TABLE).render(Listings.PS_HEADERS, rows);

        // then
        assertThat(table).isEqualTo(golden("ps-a.golden", table));
    }

    @Test
    void imagesTableMatchesDockersColumns() throws IOException {
        // given
        var rows = Listings.images(images(), NOW);

        // when
        String table = OutputFormat.parse(Listings.IMAGES_TABLE).render(Listings.IMAGES_HEADERS, rows);

        // then
        assertThat(table).isEqualTo(golden("images.golden", table));
    }

    @Test
    void psWithoutTruncationShowsFullIdsAndCommands() {
        var rows = Listings.containers(containers().subList(0, 1), NOW, false);

        assertThat(rows.get(0).get("ID")).hasSize(64);
        assertThat(rows.get(0).get("Command")).isEqualTo("\"httpd -f -v -p 80 -h /app/www\"");
    }

    /** Reads a golden file; with -Dgolden.update=true, (re)writes it from the actual text first. */
    static String golden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources/dev/stevedore/examples/cli", name);
            Files.writeString(file, actual);
            return actual;
        }
        return golden(name);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = ListingsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

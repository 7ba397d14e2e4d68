package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.ContainerInfo;
import dev.stevedore.ContainerStatus;
import dev.stevedore.NetworkMode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code --filter} parsing and matching as Docker: same key ORed, keys ANDed; {@code ps -s}. */
class ListFiltersTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static List<String> names(String... filters) {
        ListFilters f = ListFilters.parse(List.of(filters), ContainerListCommands.FILTER_KEYS);
        return ListingsTest.containers().stream().map(c -> labelled(c))
                .filter(c -> ContainerListCommands.matches(f, c)).map(ContainerInfo::name).toList();
    }

    /** The golden containers, "db" and "old" labelled tier=data, "friendly_web" tier=web. */
    static ContainerInfo labelled(ContainerInfo c) {
        Map<String, String> labels = switch (c.name()) {
            case "db", "old" -> Map.of("tier", "data");
            case "friendly_web" -> Map.of("tier", "web", "public", "");
            default -> Map.of();
        };
        return new ContainerInfo(c.id(), c.name(), c.imageId(), c.image(), c.command(), c.created(), c.status(),
                c.exitCode(), c.startedAt(), c.finishedAt(), c.ports(), c.exposedPorts(), labels, NetworkMode.none(),
                c.autoRemove(), c.detached(), c.mounts());
    }

    @Test
    void sameKeyIsOrAndDifferentKeysAreAnd() {
        assertThat(names("status=exited")).containsExactly("hello", "old");
        assertThat(names("status=exited", "status=created")).containsExactly("hello", "db", "old");
        assertThat(names("status=exited", "status=created", "ancestor=busybox")).containsExactly("db", "old");
        assertThat(names("label=tier=data", "status=exited")).containsExactly("old");
        assertThat(names()).hasSize(4);
    }

    @Test
    void matchesNamesAndIdsAsRegexpsLabelsByKeyOrValueAndAncestorsByReferenceOrId() {
        assertThat(names("name=^/hel")).containsExactly("hello");
        assertThat(names("name=o")).containsExactly("hello", "old");
        assertThat(names("id=4f2a9c1d")).containsExactly("friendly_web", "hello");
        assertThat(names("id=^4f2a9c1d")).containsExactly("friendly_web");
        assertThat(names("label=public")).containsExactly("friendly_web");
        assertThat(names("label=tier=web", "label=tier=data")).containsExactly("friendly_web", "db", "old");
        assertThat(names("ancestor=busybox:latest")).containsExactly("db", "old");
        assertThat(names("ancestor=docker.io/library/hello-world")).containsExactly("hello");
        assertThat(names("ancestor=aaaaaaaa")).hasSize(4);
        assertThat(names("ancestor=sha256:bbbb")).isEmpty();
    }

    @Test
    void refusesABadFormatAndAnUnknownKeyAsDocker() {
        assertThatThrownBy(() -> ListFilters.parse(List.of("status"), Set.of("status")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(125))
                .hasMessage("bad format of filter (expected name=value)");
        assertThatThrownBy(() -> ListFilters.parse(List.of("colour=red"), Set.of("status")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessage("invalid filter 'colour'");
    }

    @Test
    void globsAsGosPathMatch() {
        assertThat(ListFilters.glob("busy*", "busybox:latest")).isTrue();
        assertThat(ListFilters.glob("*:1.?", "app:1.2")).isTrue();
        assertThat(ListFilters.glob("*", "tools/busybox")).isFalse();
        assertThat(ListFilters.glob("*/*", "tools/busybox")).isTrue();
        assertThat(ListFilters.glob("[a-c]pp", "app")).isTrue();
        assertThat(ListFilters.glob("[^a]pp", "app")).isFalse();
        assertThat(ListFilters.glob("app[", "app[")).isFalse();
        assertThat(ListFilters.glob("a.p", "axp")).isFalse();
    }

    @Test
    void psSizeAddsDockersSizeColumn() throws IOException {
        // given
        var infos = ListingsTest.containers().subList(0, 2);
        Map<String, String> sizes = Map.of(infos.get(0).id(), "12.3kB (virtual 4.5MB)", infos.get(1).id(),
                "0B (virtual 13.3kB)");

        // when
        String table = OutputFormat.parse(Listings.PS_TABLE + "\\t{{.Size}}").render(Listings.PS_HEADERS,
                Listings.containers(infos, NOW, true, sizes));

        // then
        assertThat(table).isEqualTo(ListingsTest.golden("ps-s.golden", table));
        assertThat(infos.get(0).status()).isEqualTo(ContainerStatus.RUNNING);
    }
}

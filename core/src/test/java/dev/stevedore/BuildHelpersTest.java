package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BuildHelpersTest {

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource({"/app, /, /app", "app, /, /app", "sub, /app, /app/sub", "../x, /app, /x", "/a/./b/, /, /a/b",
            "., /app, /app", "../../.., /a, /"})
    void workdirsResolveAgainstTheCurrentOne(String path, String base, String expected) {
        assertThat(BuildWorkdir.absolute(path, base)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(value = {"a.txt|a.txt", "./dir/|dir", "/abs/f|abs/f", "../../etc/passwd|etc/passwd", ".|", "''|"},
            delimiter = '|')
    void copySourcesNeverLeaveTheContext(String source, String expected) {
        assertThat(BuildCopySource.clean(source)).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void historyListsArePrintedAsGoPrintsThem() {
        assertThat(BuildHistory.goQuoted(List.of("/bin/sh", "-c", "echo \"hi\""))).isEqualTo("[\"/bin/sh\" \"-c\" \"echo \\\"hi\\\"\"]");
        assertThat(BuildHistory.goPlain(List.of("/data", "/logs"))).isEqualTo("[/data /logs]");
        assertThat(BuildHistory.argsPrefix(List.of("A=1", "B=2"))).isEqualTo("|2 A=1 B=2 ");
        assertThat(BuildHistory.argsPrefix(List.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"PT0S, 0s", "PT0.0005S, 500\u00b5s", "PT0.5S, 500ms", "PT1.5S, 1.5s", "PT30S, 30s", "PT1M30S, 1m30s",
            "PT1H, 1h0m0s", "PT0.000000005S, 5ns", "PT0.0015S, 1.5ms"})
    void durationsArePrintedAsGoPrintsThem(Duration duration, String expected) {
        assertThat(BuildHistory.goDuration(duration)).isEqualTo(expected);
    }

    @Test
    void healthChecksArePrintedAsBuildKitPrintsThem() {
        assertThat(BuildHistory.healthcheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(30),
                Duration.ZERO, Duration.ZERO, Duration.ZERO, 3))
                .isEqualTo("&{[\"CMD-SHELL\" \"true\"] \"30s\" \"0s\" \"0s\" \"0s\" '\\x03'}");
        assertThat(BuildHistory.goRune(65)).isEqualTo("'A'");
        assertThat(BuildHistory.goRune(0)).isEqualTo("'\\x00'");
    }

    @Test
    void stepsAreLabelledAsDockerLabelsThem() {
        BuildStep step = new BuildStep("build", 2, 4, "RUN make", 7);
        assertThat(step.label()).isEqualTo("[build 2/4]");
        assertThat(step).hasToString("[build 2/4] RUN make");
        assertThatThrownBy(() -> new BuildStep("x", 5, 4, "RUN", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cacheKeysDependOnEveryPartAndItsBoundaries() {
        assertThat(BuildCache.key("a", "bc")).isNotEqualTo(BuildCache.key("ab", "c")).hasSize(64);
        assertThat(BuildCache.key("a", "b")).isEqualTo(BuildCache.key("a", "b"));
    }

    @Test
    void requestsAreImmutable() {
        BuildRequest base = new BuildRequest(null, BuildSettings.of(Path.of("/ctx")));
        BuildRequest tagged = base.tag("app:1").buildArg("A", "1").noCache(true);
        assertThat(base).hasToString("BuildRequest[/ctx, tags []]");
        assertThat(tagged).hasToString("BuildRequest[/ctx, tags [app:1]]");
        assertThatThrownBy(() -> base.tag("Not A Reference")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void leadingUndatedHistoryTakesTheFirstTimeAfterItOrTheFallback() {
        java.time.Instant t1 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        java.time.Instant t2 = java.time.Instant.parse("2026-02-01T00:00:00Z");
        java.time.Instant fallback = java.time.Instant.parse("2026-03-01T00:00:00Z");
        List<dev.stevedore.oci.History> history = List.of(BuildHistory.undated("ARG A"), BuildHistory.undated("ENV B=c"),
                BuildHistory.of(t1, "COPY x /"), BuildHistory.of(t2, "LABEL l=v"));

        List<dev.stevedore.oci.History> dated = BuildHistory.dateLeading(history, fallback);

        assertThat(dated).extracting(h -> h.created().orElseThrow()).containsExactly(t1, t1, t1, t2);
        assertThat(dated.get(0).createdBy()).contains("ARG A");
        assertThat(dated.get(0).emptyLayer()).isTrue();
        assertThat(BuildHistory.dateLeading(history.subList(0, 2), fallback))
                .extracting(h -> h.created().orElseThrow()).containsExactly(fallback, fallback);
        assertThat(BuildHistory.dateLeading(history.subList(2, 4), fallback)).isEqualTo(history.subList(2, 4));
    }
}

package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BuildLintIT extends BuildFixture {

    @Test
    void findingsAreReportedAsWarningsAndTheBuildGoesOn() {
        Image image = build("FROM " + busybox + " as base\nRUN echo ok > /ok.txt\n").build();

        assertThat(events.warnings).containsExactly(
                "Dockerfile:1: FromAsCasing: 'as' and 'FROM' keywords' casing do not match");
        assertThat(run(image, "cat /ok.txt")).isEqualTo("ok\n");
    }

    @Test
    void skippedRulesAreNotReported() {
        build("# check=skip=FromAsCasing\nFROM " + busybox + " as base\nRUN true\n").build();

        assertThat(events.warnings).isEmpty();
    }

    @Test
    void errorTrueFailsTheBuildWithTheFindingsBeforeAnyStep() {
        String dockerfile = "# check=error=true\nFROM " + busybox + " as base\nRUN echo never\n";

        assertThatThrownBy(() -> build(dockerfile).tag("linted:1").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("lint violation found for rules: FromAsCasing")
                .hasMessageContaining("Dockerfile:2: FromAsCasing:");
        assertThat(events.started).isEmpty();
        assertThat(engine.images().find("linted:1")).isEmpty();
    }

    @Test
    void checksThatNeedTheContextSeeItsDockerignore() throws IOException {
        write(".dockerignore", "ignored.txt\n");
        write("ignored.txt", "x\n");
        write("kept.txt", "k\n");
        String dockerfile = "FROM " + busybox + "\nCOPY kept.txt /\nCOPY ignored.txt /\n";

        assertThatThrownBy(() -> build(dockerfile).build()).isInstanceOf(BuildException.class)
                .hasMessageContaining("not found");

        assertThat(events.warnings).singleElement().asString()
                .startsWith("Dockerfile:3: CopyIgnoredFile:").contains("ignored.txt");
    }
}

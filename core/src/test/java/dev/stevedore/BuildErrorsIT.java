package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BuildErrorsIT extends BuildFixture {

    @Test
    void failingRunNamesStepCommandExitCodeAndLastLinesAndCreatesNoTag() {
        String dockerfile = """
                FROM %s
                RUN echo preparing && echo line-$((1+1)) >&2 && exit 3
                RUN echo never
                """.formatted(busybox);

        assertThatThrownBy(() -> build(dockerfile).tag("broken:1").build())
                .isInstanceOfSatisfying(BuildException.class, e -> {
                    assertThat(e.step().orElseThrow().label()).isEqualTo("[stage-0 2/3]");
                    assertThat(e.exitCode()).hasValue(3);
                    assertThat(e.lastOutput()).containsExactly("preparing", "line-2");
                })
                .hasMessageContaining("Dockerfile:2: [stage-0 2/3] RUN echo preparing")
                .hasMessageContaining("/bin/sh -c echo preparing && echo line-$((1+1)) >&2 && exit 3")
                .hasMessageContaining("exit code: 3")
                .hasMessageContaining("line-2");
        assertThat(engine.images().find("broken:1")).isEmpty();
        assertThat(events.started).noneMatch(s -> s.contains("echo never"));
    }

    @Test
    void copyOfAMissingFileNamesTheFileAndTheLine() throws IOException {
        write("present.txt", "x");
        String dockerfile = "FROM " + busybox + "\nCOPY present.txt /\nCOPY missing.txt /x\n";

        assertThatThrownBy(() -> build(dockerfile).build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:3:")
                .hasMessageContaining("COPY missing.txt /x")
                .hasMessageContaining("\"/missing.txt\": not found");
    }

    @Test
    void copyOfAFileTheDockerignoreExcludesIsNotFound() throws IOException {
        write("secret.env", "x");
        write(".dockerignore", "*.env\n");

        assertThatThrownBy(() -> build("FROM " + busybox + "\nCOPY secret.env /\n").build())
                .hasMessageContaining("\"/secret.env\": not found");
    }

    @Test
    void unknownChownUserFails() throws IOException {
        write("f.txt", "x");

        assertThatThrownBy(() -> build("FROM " + busybox + "\nCOPY --chown=nosuchuser f.txt /\n").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:2:")
                .hasMessageContaining("unable to find user nosuchuser");
    }

    @Test
    void unknownTargetFails() {
        assertThatThrownBy(() -> build("FROM " + busybox + " AS a\n").target("b").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("target stage \"b\" could not be found");
    }

    @Test
    void severalSourcesNeedADirectoryDestination() throws IOException {
        write("a", "a");
        write("b", "b");

        assertThatThrownBy(() -> build("FROM " + busybox + "\nCOPY a b /dest\n").build())
                .hasMessageContaining("the destination must be a directory and end with a /");
    }

    @Test
    void aFailingStageFailsTheBuildWithItsOwnError() {
        String dockerfile = """
                FROM %1$s AS ok
                RUN echo fine > /f
                FROM %1$s AS bad
                RUN echo oops && exit 7
                FROM %1$s
                COPY --from=ok /f /f
                COPY --from=bad /f /g
                """.formatted(busybox);

        assertThatThrownBy(() -> build(dockerfile).tag("never:1").build())
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.exitCode()).hasValue(7))
                .hasMessageContaining("[bad 2/2] RUN echo oops && exit 7");
        assertThat(engine.images().find("never:1")).isEmpty();
    }

    @Test
    void pullPolicyNeverFailsOnAMissingBaseImage() {
        assertThatThrownBy(() -> build("FROM " + busybox + "\n").pull(PullPolicy.NEVER).build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:1: [stage-0 1/1] FROM " + busybox)
                .hasMessageContaining("no such image");
    }

    @Test
    void aCycleBetweenStagesFailsBeforeAnyStepAndTagsNothing() {
        String dockerfile = """
                FROM %1$s AS a
                COPY --from=b /etc/hostname /from-b
                FROM %1$s AS b
                COPY --from=a /etc/hostname /from-a
                """.formatted(busybox);

        assertThatThrownBy(() -> build(dockerfile).target("b").tag("cycle:1").build())
                .isInstanceOf(dev.stevedore.dockerfile.DockerfileException.class) // the documented contract
                .hasMessage("Dockerfile:2: circular dependency detected on stage: a");
        assertThat(engine.images().find("cycle:1")).isEmpty();
        assertThat(events.started).isEmpty();
    }

    @Test
    void aMissingCopySourceOrUnknownUserTagsNothing() throws IOException {
        write("f.txt", "x");

        assertThatThrownBy(() -> build("FROM " + busybox + "\nCOPY f.txt /\nCOPY --chown=nosuchuser f.txt /g\n")
                .tag("half:1").build()).isInstanceOf(BuildException.class);
        assertThatThrownBy(() -> build("FROM " + busybox + "\nCOPY f.txt /\nCOPY nothing.txt /\n")
                .tag("half:2").build()).isInstanceOf(BuildException.class);

        assertThat(engine.images().find("half:1")).isEmpty();
        assertThat(engine.images().find("half:2")).isEmpty();
        assertThat(engine.images().list()).noneMatch(i -> i.references().stream().anyMatch(t -> t.contains("half")));
    }

    @Test
    void copyRefusesAUrlSourceAsDockerDoes() {
        assertThatThrownBy(() -> build("FROM " + busybox + "\nCOPY http://127.0.0.1:1/x /x\n").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:2:")
                .hasMessageContaining("source can't be a URL for COPY: http://127.0.0.1:1/x");
    }
}

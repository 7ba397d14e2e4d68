package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuildHousekeepingIT extends BuildFixture {

    @Test
    void removesTheBuildDirectoriesOfDeadBuildsAndLeavesNoneOfItsOwn() throws IOException {
        // given: what a killed JVM left
        Path stale = Files.createDirectories(home.resolve("builds/0b5e0d3c-dead-4000-8000-000000000000/run-1/upper"));
        Files.writeString(stale.getParent().getParent().resolve(".lock"), "");
        Files.writeString(stale.resolve("file"), "left over");
        write("f.txt", "x");

        // when
        build("FROM " + busybox + "\nCOPY f.txt /\n").build();

        // then
        try (Stream<Path> s = Files.list(home.resolve("builds"))) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void reportsDockerfileWarningsToTheListener() {
        build("FROM " + busybox + "\nRUN echo a \\\n\n    && echo b\n").build();

        assertThat(events.warnings).singleElement().asString().startsWith("Dockerfile:4:")
                .containsIgnoringCase("empty continuation");
    }
}

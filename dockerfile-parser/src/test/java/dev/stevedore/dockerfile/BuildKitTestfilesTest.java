package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** BuildKit's own parser vectors (see resources/buildkit/README.md). */
class BuildKitTestfilesTest {
    private static final Set<String> NOT_BUILDABLE = Set.of("flags", "health", "json");

    static Stream<Path> cases() {
        return TestFiles.directories("/buildkit/testfiles").stream();
    }

    static Stream<Path> negativeCases() {
        return TestFiles.directories("/buildkit/testfiles-negative").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dumpsTheSyntaxExactlyAsBuildKit(Path dir) {
        // given
        byte[] dockerfile = TestFiles.bytes(dir.resolve("Dockerfile"));
        String expected = TestFiles.text(dir.resolve("result"));

        // when
        String dump = Dockerfile.dumpSyntax("Dockerfile", dockerfile);

        // then
        assertThat(dump + "\n").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dumpsTheTypedInstructionsLikeTheSyntaxWhenTheFileIsBuildable(Path dir) {
        // given
        byte[] dockerfile = TestFiles.bytes(dir.resolve("Dockerfile"));
        String name = dir.getFileName().toString();
        if (NOT_BUILDABLE.contains(name) || name.startsWith("jeztah-")) {
            // Syntax-only vectors: unknown flags, HEALTHCHECK CONNECT, or a CMD without FROM.
            assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", dockerfile))
                    .isInstanceOf(DockerfileException.class);
            return;
        }
        Dockerfile parsed = Dockerfile.parse("Dockerfile", dockerfile);

        // when
        String dump = parsed.dump();

        // then
        assertThat(dump + "\n").isEqualTo(TestFiles.text(dir.resolve("result")));
        assertThat(Dockerfile.parse("Dockerfile", parsed.format()).dump()).isEqualTo(dump);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negativeCases")
    void rejectsEveryNegativeCase(Path dir) {
        // given
        byte[] dockerfile = TestFiles.bytes(dir.resolve("Dockerfile"));

        // when, then
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", dockerfile))
                .isInstanceOf(DockerfileException.class);
    }

    @Test
    void recordsTheLinesOfEveryInstruction() {
        // given
        byte[] dockerfile = TestFiles.bytes(TestFiles.resource("/buildkit/testfile-line/Dockerfile"));

        // when
        List<Instruction> instructions = Dockerfile.parse("Dockerfile", dockerfile).instructions();

        // then
        assertThat(instructions).extracting(Instruction::location)
                .containsExactly(Location.of(5, 5), Location.of(11, 12), Location.of(17, 31));
    }
}

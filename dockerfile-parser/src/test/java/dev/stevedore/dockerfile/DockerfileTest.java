package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileTest {
    private static final String MULTI_STAGE = String.join("\n",
            "# syntax=docker/dockerfile:1",
            "ARG GO=1.22",
            "ARG BASE",
            "FROM golang:${GO} AS build",
            "WORKDIR /src",
            "RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .",
            "",
            "FROM scratch",
            "COPY --from=build /out/app /app",
            "ENTRYPOINT [\"/app\"]",
            "");

    @Test
    void groupsInstructionsIntoStagesAndGlobalArgs() {
        // when
        Dockerfile df = Dockerfile.parse("Dockerfile", MULTI_STAGE);

        // then
        assertThat(df.globalArgs()).flatExtracting(Instruction.Arg::declarations).extracting(ArgDeclaration::name)
                .containsExactly("GO", "BASE");
        assertThat(df.stages()).hasSize(2);
        BuildStage build = df.stages().get(0);
        assertThat(build.index()).isZero();
        assertThat(build.name()).contains("build");
        assertThat(build.from().image()).isEqualTo("golang:${GO}");
        assertThat(build.instructions()).extracting(Instruction::name).containsExactly("WORKDIR", "RUN");
        assertThat(df.stages().get(1).name()).isEmpty();
        assertThat(df.stages().get(1).instructions()).extracting(Instruction::name).containsExactly("COPY",
                "ENTRYPOINT");
    }

    @Test
    void readsAFileAndNamesErrorsAfterIt(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, "FROM a\nRUN --mount=type=cache,sharing=lockd,target=/x make\n");

        // when, then
        assertThatThrownBy(() -> Dockerfile.parse(file)).isInstanceOfSatisfying(DockerfileException.class, e -> {
            assertThat(e.fileName()).isEqualTo(file.toString());
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).hasValue(13);
            assertThat(e.lineText()).isEqualTo("RUN --mount=type=cache,sharing=lockd,target=/x make");
            assertThat(e.reason()).isEqualTo("unsupported sharing value \"lockd\" (did you mean locked?)");
            assertThat(e.getMessage()).isEqualTo(file + ":2:13: " + e.reason());
        });
        assertThatThrownBy(() -> Dockerfile.parse(dir.resolve("missing"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void reportsInvalidUtf8WithItsLineAndColumn() {
        // given
        byte[] bytes = "FROM a\nRUN echo caf\u00e9 ok\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 6] = (byte) 0xFF;

        // when, then
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", bytes))
                .isInstanceOfSatisfying(DockerfileException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).hasValue(13);
                    assertThat(e.reason()).startsWith("invalid UTF-8: byte 0xff at offset 19");
                });
    }

    @Test
    void keepsTheOldMessageOnlyConstructorsForOtherParts() {
        // when
        DockerfileException e = new DockerfileException("failed to expand \"$x\"");

        // then
        assertThat(e.getMessage()).isEqualTo("failed to expand \"$x\"");
        assertThat(e.fileName()).isEmpty();
        assertThat(e.line()).isZero();
        assertThat(e.column()).isEmpty();
        assertThat(new DockerfileException("Dockerfile", 3, java.util.OptionalInt.empty(), "RUN x", "bad")
                .getMessage()).isEqualTo("Dockerfile:3: bad");
    }

    @Test
    void writesJsonWithTypedFields() {
        // when
        String json = Dockerfile.parse("Dockerfile", MULTI_STAGE).toJson();

        // then
        assertThat(json).contains("\"buildkit\": \"" + Dockerfile.BUILDKIT_VERSION + "\"")
                .contains("\"instruction\": \"RUN\"")
                .contains("\"mounts\": [\n")
                .contains("\"type=cache,target=/root/.cache/go-build\"")
                .contains("\"stageName\": \"build\"")
                .contains("\"form\": \"exec\"");
    }

    @Test
    void makesHandBuiltInstructionsCheckTheirKeyword() {
        assertThatThrownBy(() -> new Instruction.User(Location.of(1, 1), "RUN", List.of(), List.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Instruction.User(Location.of(1, 1), "USER", List.of(" padded"), List.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Instruction.Copy(Location.of(1, 1), "COPY", List.of(), List.of("--bad"),
                List.of("a"), "b", false, List.of())).isInstanceOf(DockerfileException.class)
                .hasMessage("unknown flag: --bad");
    }

    @Test
    void printsHandBuiltInstructions() {
        // given
        Location at = Location.of(1, 1);
        Dockerfile df = new Dockerfile("generated", List.of(new Directive("syntax", "docker/dockerfile:1", 1)),
                List.of(new Instruction.From(at, "FROM", List.of(), List.of(), "alpine:3.20", java.util.Optional.empty()),
                        new Instruction.Run(at, "RUN", List.of("install"), List.of("--network=none"),
                                CommandLine.shell("apk add --no-cache curl"), List.of()),
                        new Instruction.Cmd(at, "CMD", List.of(), List.of(), CommandLine.exec(List.of("curl", "-V")))),
                List.of(), List.of());

        // when
        String text = df.format();

        // then
        assertThat(text).isEqualTo("# syntax=docker/dockerfile:1\n\nFROM alpine:3.20\n# install\n"
                + "RUN --network=none apk add --no-cache curl\nCMD [\"curl\", \"-V\"]\n");
        assertThat(Dockerfile.parse("generated", text).dump()).isEqualTo(df.dump());
    }
}

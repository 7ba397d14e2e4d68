package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreFilesTest {
    @TempDir
    Path context;

    @Test
    void usesTheContextDockerignore() throws IOException {
        // given
        Files.writeString(context.resolve(".dockerignore"), "target\n");
        Path dockerfile = Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");

        // when
        IgnoreFile ignore = IgnoreFiles.forBuild(context, dockerfile);

        // then
        assertThat(ignore.path()).contains(context.resolve(".dockerignore"));
        assertThat(ignore.patterns()).containsExactly("target");
    }

    @Test
    void perDockerfileIgnoreFileReplacesTheContextOne() throws IOException {
        // given
        Files.writeString(context.resolve(".dockerignore"), "target\n");
        Path dockerfile = Files.writeString(context.resolve("app.Dockerfile"), "FROM scratch\n");
        Files.writeString(context.resolve("app.Dockerfile.dockerignore"), "*.log\n");

        // when
        IgnoreFile ignore = IgnoreFiles.forBuild(context, dockerfile);

        // then: replaced, not merged
        assertThat(ignore.path()).contains(context.resolve("app.Dockerfile.dockerignore"));
        assertThat(ignore.patterns()).containsExactly("*.log");
        assertThat(ignore.matcher().matches("target")).isFalse();
    }

    @Test
    void looksForThePerDockerfileFileNextToTheDockerfile() throws IOException {
        // given: the Dockerfile outside the context, its ignore file beside it
        Path elsewhere = Files.createDirectories(context.resolveSibling(context.getFileName() + "-docker"));
        Path dockerfile = Files.writeString(elsewhere.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(elsewhere.resolve("Dockerfile.dockerignore"), "secrets\n");
        Files.writeString(context.resolve("Dockerfile.dockerignore"), "wrong\n");

        // when
        IgnoreFile ignore = IgnoreFiles.forBuild(context, dockerfile);

        // then
        assertThat(ignore.patterns()).containsExactly("secrets");
    }

    @Test
    void anEmptyPerDockerfileFileStillReplaces() throws IOException {
        Files.writeString(context.resolve(".dockerignore"), "target\n");
        Path dockerfile = Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(context.resolve("Dockerfile.dockerignore"), "");

        IgnoreFile ignore = IgnoreFiles.forBuild(context, dockerfile);

        assertThat(ignore.path()).contains(context.resolve("Dockerfile.dockerignore"));
        assertThat(ignore.patterns()).isEmpty();
    }

    @Test
    void ignoresADirectoryWhereTheFileShouldBe() throws IOException {
        Files.createDirectory(context.resolve("Dockerfile.dockerignore"));
        Files.createDirectory(context.resolve(".dockerignore"));
        Path dockerfile = Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");

        assertThat(IgnoreFiles.forBuild(context, dockerfile)).isEqualTo(IgnoreFile.none());
    }

    @Test
    void excludesNothingWithoutAnyIgnoreFile() throws IOException {
        Path dockerfile = Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        IgnoreFile ignore = IgnoreFiles.forBuild(context, dockerfile);
        assertThat(ignore.path()).isEmpty();
        assertThat(ignore.matcher().matches("anything")).isFalse();
    }

    @Test
    void namesTheChosenFileInPatternErrors() throws IOException {
        Path dockerfile = Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        Path own = Files.writeString(context.resolve("Dockerfile.dockerignore"), "ok\nbad[\n");

        assertThatThrownBy(() -> IgnoreFiles.forBuild(context, dockerfile))
                .isInstanceOfSatisfying(IgnorePatternException.class, e -> {
                    assertThat(e.fileName()).isEqualTo(own.toString());
                    assertThat(e.line()).isEqualTo(2);
                });
    }
}

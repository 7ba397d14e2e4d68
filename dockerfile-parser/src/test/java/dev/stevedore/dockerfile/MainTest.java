package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("Dockerfile"), text);
    }

    @Test
    void dumpsTheSyntaxLikeBuildKitsDumper() throws Exception {
        // given
        Path file = file("FROM a\nCOPY --user=me foo /tmp/\n");

        // when
        int status = run("dump", file.toString());

        // then
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("(from \"a\")\n(copy [\"--user=me\"] \"foo\" \"/tmp/\")\n");
    }

    @Test
    void printsJsonAndFormattedText() throws Exception {
        // given
        Path file = file("FROM a\nRUN x \\\n  y\n");

        // when, then
        assertThat(run("json", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"instruction\": \"RUN\"");
        out.reset();
        assertThat(run("format", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("FROM a\nRUN x   y\n");
        assertThat(run("check", file.toString())).isZero();
    }

    @Test
    void printsTheErrorWithTheLineAndACaretAndExitsWithOne() throws Exception {
        // given
        Path file = file("FROM a\nCOPY --form=build a b\n");

        // when
        int status = run("check", file.toString());

        // then
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: " + file
                + ":2:6: unknown flag: --form (did you mean from?)\n 2 | COPY --form=build a b\n   |      ^\n");
    }

    @Test
    void reportsUsageErrorsAndMissingFiles() {
        assertThat(run("dump")).isEqualTo(2);
        assertThat(run("explode", "x")).isEqualTo(2);
        assertThat(run("dump", dir.resolve("missing").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
    }

    @Test
    void lintsACleanFileWithExitZero() throws Exception {
        assertThat(run("lint", file("FROM a\n").toString())).isZero();
    }
}

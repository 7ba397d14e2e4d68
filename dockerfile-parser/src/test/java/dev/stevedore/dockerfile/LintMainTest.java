package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar ... lint FILE}: output lines and exit status. */
class LintMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lint(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("Dockerfile"), text);
        return Main.run(new String[] {"lint", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitsWithZeroWithoutFindings() throws Exception {
        assertThat(lint("FROM scratch\nCOPY --from=alpine /etc/os-release /\n")).isZero();
        assertThat(out()).isEmpty();
    }

    @Test
    void printsFileLineRuleAndMessageAndExitsWithOneLikeDockerBuildCheck() throws Exception {
        // when
        int status = lint("FROM scratch as base\nMAINTAINER me\n");

        // then
        String file = dir.resolve("Dockerfile").toString();
        assertThat(status).isEqualTo(1);
        assertThat(out()).isEqualTo(file + ":1: FromAsCasing: 'as' and 'FROM' keywords' casing do not match\n"
                + file + ":2: MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void printsANoteForEachCheckThatNeedsBuildContext() throws Exception {
        // when
        int status = lint("FROM alpine\nCOPY . .\n");

        // then
        assertThat(status).isZero();
        assertThat(err())
                .contains(": note: CopyIgnoredFile not checked where it needs the build context's .dockerignore")
                .contains(": note: InvalidBaseImagePlatform not checked");
    }

    @Test
    void printsTheErrorOfErrorTrue() throws Exception {
        // when
        int status = lint("# check=error=true\nFROM scratch as base\n");

        // then
        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("error: lint violation found for rules: FromAsCasing");
    }

    @Test
    void exitsWithOneOnABuildErrorOrAParseError() throws Exception {
        assertThat(lint("FROM scratch AS a\nCOPY --from=a / /\n")).isEqualTo(1);
        assertThat(err()).contains("circular dependency detected on stage: a");
        assertThat(lint("FROM scratch\nBADCMD\n")).isEqualTo(1);
        assertThat(err()).contains("unknown instruction: BADCMD");
    }
}

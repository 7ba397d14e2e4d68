package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs meant to break a parser: every outcome is a result or a DockerfileException, fast. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileInputTest {

    /** Parses, dumps, prints and writes JSON; returns normally or with a DockerfileException only. */
    private static void survive(String text) {
        try {
            Dockerfile df = Dockerfile.parse("Dockerfile", text);
            df.dump();
            Dockerfile.parse("Dockerfile", df.format());
            df.toJson();
        } catch (DockerfileException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            Dockerfile.dumpSyntax("Dockerfile", text.getBytes(StandardCharsets.UTF_8));
        } catch (DockerfileException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void parsesTenMegabytesInLinearTime() {
        // given
        StringBuilder text = new StringBuilder("FROM alpine\n");
        while (text.length() < 10_000_000) {
            text.append("RUN echo \"hello world\" && ls -la /usr/local/bin \\\n  && true # not a comment\n");
        }

        // when
        long start = System.nanoTime();
        Dockerfile df = Dockerfile.parse("Dockerfile", text.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(df.instructions()).hasSizeGreaterThan(100_000);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void joinsOneHundredThousandContinuationLines() {
        // given
        StringBuilder text = new StringBuilder("FROM alpine\nRUN echo start \\\n");
        for (int i = 0; i < 100_000; i++) {
            text.append("  && echo line ").append(i).append(" \\\n");
            if (i % 1000 == 0) {
                text.append("\n# comment inside\n");
            }
        }
        text.append("  && echo end\n");

        // when
        Dockerfile df = Dockerfile.parse("Dockerfile", text.toString());

        // then
        assertThat(df.instructions().get(1).location()).isEqualTo(Location.of(2, 100_203));
        assertThat(df.emptyContinuationLines()).hasSize(100);
        assertThat(((Instruction.Run) df.instructions().get(1)).command().arguments().get(0)).endsWith("echo end");
    }

    @Test
    void handlesDeeplyNestedOnbuildJsonAndVariables() {
        StringBuilder onbuild = new StringBuilder("FROM a\n");
        for (int i = 0; i < 200_000; i++) {
            onbuild.append("ONBUILD \\\n");
        }
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", onbuild + "RUN x\n"))
                .hasMessageContaining("Chaining ONBUILD");
        assertThat(Dockerfile.dumpSyntax("D", (onbuild + "RUN x\n").getBytes(StandardCharsets.UTF_8)))
                .endsWith("(run \"x\")" + ")".repeat(200_000));
        survive("FROM a\nCMD " + "[".repeat(40_000) + "]".repeat(40_000) + "\n");
        survive("FROM a\nCMD " + "[".repeat(9_000) + "\"x\"" + "]".repeat(9_000) + "\n");
        survive("FROM a\nCMD " + "{\"a\":".repeat(20_000) + "\n");
        survive("FROM a\nRUN <<EOF " + "${a:-".repeat(20_000) + "}".repeat(20_000) + "\nEOF\n");
        survive("FROM a\nRUN <<\"" + "${a:-\"".repeat(20_000) + "\nEOF\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "FROM a\nRUN echo \u0000\u0000 hi\nLABEL a=\u0000\nCOPY \u0000 /\n",
        "FROM a\nENV a=\"b c\nLABEL x='y\nRUN echo \"unterminated\nCOPY --chown=\"a b /x\n",
        "FROM a\nRUN <<EOF\nno end",
        "FROM a\nRUN <<'EOF\nEOF\n",
        "FROM a\nRUN ${\nRUN <<${\nRUN <<$}\n",
        "FROM a\nCMD [\"\\ud800\"]\nCMD [\"\\",
        "FROM a\nRUN --mount=\"\"\"\"\" x\nRUN --mount=,,,, y\n",
        "FROM a\nHEALTHCHECK --interval=99999999999999999999999h CMD x\n",
        "FROM a\nHEALTHCHECK --retries=99999999999999999999999999 CMD x\n",
        "FROM a\nCOPY --chmod=77777777777777777777777777 a b\n",
        "FROM a\nRUN --mount=type=tmpfs,size=1e400 x\n",
        "FROM a\nRUN --mount=type=tmpfs,size=0x1p1023g x\n",
        "FROM a\nRUN --mount=type=cache,mode=777777777777777777777777777 x\n",
        "\\",
        "\\\n\\\n\\",
        "#",
        "# syntax=\n# escape=\n",
        "FROM a\nONBUILD ONBUILD\n",
        "FROM a\n\u2028RUN x\u2029\n",
        "\ufeff\ufeffFROM a\n",
        "FROM a\rRUN x\r\r\n",
        "FROM a\nRUN [\"a\"] \\\n\n",
        "FROM a AS b\nFROM b AS b\nCOPY --from=b --from=c x y\n",
    })
    void neverThrowsAnythingButADockerfileException(String text) {
        assertThatCode(() -> survive(text)).doesNotThrowAnyException();
    }

    @Test
    void rejectsInvalidUtf8AndOverlongLinesByLine() {
        // given
        byte[] bytes = {'F', 'R', 'O', 'M', ' ', 'a', '\n', 'R', 'U', 'N', ' ', (byte) 0xC0, (byte) 0x80, '\n'};
        String longLine = "FROM a\nRUN " + "x".repeat(70_000) + "\n";

        // when, then
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", bytes)).hasMessageStartingWith("Dockerfile:2:5: invalid UTF-8");
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", longLine))
                .hasMessage("Dockerfile:2: dockerfile line greater than max allowed size of 65535");
        assertThatCode(() -> Dockerfile.parse("Dockerfile", "FROM a\nRUN " + "x".repeat(65_531) + "\n"))
                .doesNotThrowAnyException();
    }

    @Test
    void survivesRandomBytes() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "FROMRUNCOPYADDENVLABELARGONBUILDHEALTHCHECKcmd \t\n\r\\`'\"[]{}$<>-=,#:0123456789";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder(n % 3 == 0 ? "FROM a\n" : "");
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThatCode(() -> survive(text.toString())).as(text.toString()).doesNotThrowAnyException();
        }
    }
}

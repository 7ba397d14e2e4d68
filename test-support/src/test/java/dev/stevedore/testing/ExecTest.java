package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecTest {
    @Test
    void capturesStdoutStderrAndExitStatus() {
        // when
        Exec.Result result = Exec.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Map.of(),
                Duration.ofSeconds(30));

        // then
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void checkThrowsWithTheCommandsStderr() {
        // when
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> Exec.check("say no", List.of("sh", "-c", "echo 'no way' >&2; exit 2"), Map.of(),
                        Duration.ofSeconds(30)));

        // then
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.stderr()).isEqualTo("no way\n");
        assertThat(e).hasMessageStartingWith("Tried to say no but failed because `sh -c")
                .hasMessageContaining("exited with status 2")
                .hasMessageEndingWith("no way");
    }

    @Test
    void killsACommandThatRunsPastItsTimeout() {
        // when
        Exec.Result result = Exec.run(List.of("sleep", "30"), Map.of(), Duration.ofMillis(200));

        // then
        assertThat(result.exitCode()).isEqualTo(CommandFailedException.TIMED_OUT);
    }

    @Test
    void passesExtraEnvironment() {
        // when
        Exec.Result result = Exec.run(List.of("sh", "-c", "echo $STEVEDORE_EXEC_TEST"),
                Map.of("STEVEDORE_EXEC_TEST", "hello"), Duration.ofSeconds(30));

        // then
        assertThat(result.stdout()).isEqualTo("hello\n");
    }

    @Test
    void commandLineMasksPasswordsInCredsFlags() {
        // when
        String line = Exec.commandLine(List.of("skopeo", "copy", "--dest-creds=alice:s3cret", "--creds=bob:pw:x"));

        // then
        assertThat(line).isEqualTo("skopeo copy --dest-creds=alice:*** --creds=bob:***").doesNotContain("s3cret");
    }
}

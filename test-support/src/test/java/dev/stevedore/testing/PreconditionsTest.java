package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PreconditionsTest {
    @Test
    void asNonRootRunsTheCommandAsNobody() {
        // given
        Preconditions.requiresRoot();
        Preconditions.requiresCommand("setpriv", "util-linux");
        List<String> command = Preconditions.asNonRoot(List.of("id", "-u"));

        // when
        Exec.Result result = Exec.run(command, Map.of(), Duration.ofSeconds(30));

        // then
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("65534");
    }

    @Test
    void asNonRootDropsSupplementaryGroups() {
        // given
        Preconditions.requiresRoot();
        Preconditions.requiresCommand("setpriv", "util-linux");

        // when
        Exec.Result result = Exec.run(Preconditions.asNonRoot(List.of("id", "-G")), Map.of(), Duration.ofSeconds(30));

        // then
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("65534");
    }

    @Test
    void asNonRootLeavesTheCallersListAlone() {
        // given
        List<String> command = List.of("true");

        // when
        List<String> wrapped = Preconditions.asNonRoot(command);

        // then
        assertThat(wrapped).endsWith("--", "true").startsWith("setpriv");
        assertThat(command).containsExactly("true");
    }

    @Test
    void requiresCommandFindsShOnThePath() {
        // when
        Path sh = Preconditions.requiresCommand("sh", "dash");

        // then
        assertThat(sh).isAbsolute();
        assertThat(sh.getFileName()).hasToString("sh");
        assertThat(Files.isExecutable(sh)).isTrue();
    }

    @Test
    void requiresCommandSkipsOrFailsForAMissingCommandNamingThePackage() {
        // when
        Throwable thrown = catchThrowable(() -> Preconditions.requiresCommand("stevedore-no-such-command",
                "stevedore-no-such-package"));

        // then
        assertThat(thrown).isInstanceOf(Preconditions.strict() ? AssertionFailedError.class : TestAbortedException.class)
                .hasMessageContaining("stevedore-no-such-command")
                .hasMessageContaining("stevedore-no-such-package");
    }

    @Test
    void isRootAgreesWithId() {
        // when
        Exec.Result id = Exec.run(List.of("id", "-u"), Map.of(), Duration.ofSeconds(30));

        // then
        assertThat(Preconditions.isRoot()).isEqualTo(id.stdout().strip().equals("0"));
    }
}

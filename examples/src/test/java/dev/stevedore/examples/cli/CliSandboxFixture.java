package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.Preconditions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in-process on a fresh engine home holding {@code busybox} (loaded from test-support's
 * layout), with the real sandbox; every container is removed after each test, and none may be
 * left.
 */
@ExtendWith(HermeticHome.class)
abstract class CliSandboxFixture {
    @TempDir
    Path temp;

    CliRunner cli;

    @BeforeEach
    void homeWithBusybox() throws Exception {
        Preconditions.requiresSandbox();
        cli = new CliRunner(Files.createTempDirectory(temp, "home-"));
        Path layout = temp.resolve("busybox-layout");
        BusyboxImage.writeTo(layout);
        assertThat(cli.run("load", "-i", layout.toString(), "--name", "busybox").code()).isZero();
    }

    @AfterEach
    void removesEveryContainer() {
        if (cli == null) {
            return;
        }
        for (String id : cli.run("ps", "-a", "-q").out().lines().toList()) {
            cli.run("rm", "-f", id);
        }
        assertThat(cli.run("ps", "-a", "-q").out()).isEmpty();
    }
}

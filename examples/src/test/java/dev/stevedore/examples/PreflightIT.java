package dev.stevedore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.ImageConfig;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.Preconditions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PreflightIT {
    @Test
    void reportsTheHostAndReadsTheBusyboxConfigBackFromARealRegistry() throws Exception {
        // given
        Preconditions.requiresCommand("docker-registry", "docker-registry");
        Preconditions.requiresCommand("skopeo", "skopeo");
        Preconditions.requiresSandbox();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        // when
        ImageConfig config = new Preflight(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();

        // then the config came from the registry and matches what the fixture wrote
        String report = buffer.toString(StandardCharsets.UTF_8);
        assertThat(config.config().cmd()).isEqualTo(BusyboxImage.CMD);
        assertThat(config.config().env()).isEqualTo(BusyboxImage.ENV);
        assertThat(config.rootfs().diffIds()).hasSize(1);
        assertThat(report)
                .contains("kernel:       " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim())
                .contains("cgroups:")
                .contains("hello from preflight, pid 1, as root")
                .contains("pushed 127.0.0.1:")
                .contains("\"Cmd\" : [ \"sh\" ]");
    }
}

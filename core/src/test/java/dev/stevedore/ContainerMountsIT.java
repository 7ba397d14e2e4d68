package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerMountsIT extends ContainerFixture {
    @TempDir
    Path host;

    @Test
    void aNamedVolumeOutlivesItsContainers() {
        try (Container writer = busybox("sh", "-c", "echo persisted > /data/file").volume("data", "/data").start()) {
            assertThat(writer.waitFor().exitCode()).isZero();
        }
        VolumeInfo volume = containers.volumes().get("data").orElseThrow();
        assertThat(volume.mountpoint()).isEqualTo(home.resolve("volumes/data/_data"));
        assertThat(volume.usedBy()).hasSize(1);
        assertThatThrownBy(() -> containers.volumes().remove("data")).isInstanceOf(ContainerConflictException.class)
                .hasMessageContaining("in use");

        try (Container reader = busybox("cat", "/data/file").mount(ContainerMount.volume("data", "/data").asReadOnly())
                .autoRemove(true).start()) {
            reader.waitFor();
        }
        containers.prune();
        assertThat(containers.volumes().get("data").orElseThrow().usedBy()).isEmpty();
        containers.volumes().remove("data");
        assertThat(containers.volumes().list()).isEmpty();
    }

    @Test
    void bindsHostPathsReadWriteOrReadOnly() throws IOException {
        Files.writeString(host.resolve("in.txt"), "from host");
        Path out = Files.createDirectory(host.resolve("out"));
        try (Container c = busybox("sh", "-c", "cat /in/in.txt; echo back > /out/back.txt; echo x > /in/nope 2>&1 || echo ro")
                .mount(ContainerMount.bind(host, "/in").asReadOnly()).bind(out, "/out").start()) {
            c.waitFor();
            assertThat(c.output()).contains("from host").contains("ro");
        }
        assertThat(Files.readString(out.resolve("back.txt"))).isEqualTo("back\n");
        assertThat(host.resolve("nope")).doesNotExist();
        assertThatThrownBy(() -> busybox("true").bind(host.resolve("missing"), "/m").start())
                .isInstanceOf(ContainerStartException.class).hasMessageContaining("bind source path does not exist");
    }

    @Test
    void mountsATmpfs() {
        try (Container c = busybox("sh", "-c", "grep ' /scratch ' /proc/mounts; stat -c %a /scratch")
                .mount(ContainerMount.tmpfs("/scratch", 1L << 20)).start()) {
            c.waitFor();
            assertThat(c.output()).contains("tmpfs /scratch tmpfs").contains("1777");
        }
    }
}

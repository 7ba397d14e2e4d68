package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworksVolumesTest {
    @TempDir
    Path home;

    private final List<ContainerRecord> records = new ArrayList<>();

    @Test
    void createsListsAndRemovesNetworks() {
        Networks networks = new Networks(home.resolve("networks"), () -> records);
        NetworkInfo app = networks.create("app");
        assertThat(app.id()).matches("[0-9a-f]{64}");
        assertThat(networks.list()).extracting(NetworkInfo::name).containsExactly("app");
        assertThatThrownBy(() -> networks.create("app")).isInstanceOf(ContainerConflictException.class);

        records.add(ContainerRecordJsonTest.sample("a".repeat(64), "db", ContainerStatus.RUNNING));
        assertThat(networks.get("app").orElseThrow().containers()).containsExactly("db");
        assertThatThrownBy(() -> networks.remove("app")).isInstanceOf(ContainerConflictException.class)
                .hasMessageContaining("active endpoints [db]");

        records.clear();
        networks.remove("app");
        assertThat(networks.get("app")).isEmpty();
        assertThatThrownBy(() -> networks.remove("app")).hasMessageContaining("no such network");
    }

    @Test
    void refusesPredefinedAndInvalidNetworkNames() {
        Networks networks = new Networks(home.resolve("networks"), () -> records);
        assertThatThrownBy(() -> networks.create("host")).hasMessageContaining("predefined");
        assertThatThrownBy(() -> networks.create("a b")).hasMessageContaining("invalid network name");
    }

    @Test
    void volumesAreCreatedOnceAndRemovedOnlyWhenUnused() throws Exception {
        Volumes volumes = new Volumes(home.resolve("volumes"), () -> records);
        VolumeInfo data = volumes.create("data");
        Files.writeString(data.mountpoint().resolve("f"), "x");
        assertThat(volumes.create("data").mountpoint().resolve("f")).hasContent("x");
        assertThat(volumes.get("data").orElseThrow().created()).isEqualTo(data.created());

        records.add(ContainerRecordJsonTest.sample("b".repeat(64), "user", ContainerStatus.EXITED)); // mounts "data"
        assertThatThrownBy(() -> volumes.remove("data")).isInstanceOf(ContainerConflictException.class)
                .hasMessageContaining("in use by [bbbbbbbbbbbb]");
        volumes.create("spare");
        assertThat(volumes.prune()).containsExactly("spare");

        records.clear();
        volumes.remove("data");
        assertThat(volumes.list()).isEmpty();
    }

    @Test
    void refusesToStartContainersWithoutRootBeforeCreatingAnything() {
        try (Stevedore engine = Stevedore.builder().home(home).euid(() -> 1000).build()) {
            assertThatThrownBy(() -> engine.containers().create("busybox").cmd("true").start())
                    .isInstanceOf(RootRequiredException.class).hasMessageContaining("requires root");
            assertThat(engine.containers().list(true)).isEmpty();
            assertThat(engine.containers().get("anything")).isEmpty();
        }
    }
}

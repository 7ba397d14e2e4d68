package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every container integration test shares: a real local registry seeded with the busybox
 * base image, and for each test an engine of its own on a temp home. After each test the engine
 * is closed and nothing of its containers may be left: no running container, no cgroup, no
 * mount under the home.
 */
@ExtendWith(HermeticHome.class)
abstract class ContainerFixture {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    static String busybox;

    @TempDir
    Path home;

    Stevedore engine;
    ContainerManager containers;

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared().pushTo(registry, "library/busybox:latest");
    }

    @BeforeEach
    void openEngine() {
        Preconditions.requiresSandbox();
        engine = Stevedore.builder().home(home).build();
        containers = engine.containers();
    }

    @AfterEach
    void leavesNothingBehind() throws IOException {
        if (engine == null) {
            return;
        }
        List<String> ids = new ArrayList<>();
        Path dir = home.resolve("containers");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(ContainerId::isFull).forEach(ids::add);
            }
        }
        for (ContainerInfo c : containers.list(false)) {
            containers.remove(c.id(), true); // detached ones a test left running
        }
        engine.close();
        for (String id : ids) {
            assertThat(cgroupDirs(id)).as("cgroups of container %s", id).isEmpty();
        }
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(home.toString());
    }

    /** The cgroup directories named after a container that exist on any hierarchy. */
    static List<Path> cgroupDirs(String id) throws IOException {
        List<Path> found = new ArrayList<>();
        Path root = Path.of("/sys/fs/cgroup");
        if (Files.isDirectory(root.resolve("stevedore").resolve(id))) {
            found.add(root.resolve("stevedore").resolve(id));
        }
        try (Stream<Path> s = Files.list(root)) {
            s.map(h -> h.resolve("stevedore").resolve(id)).filter(Files::isDirectory).forEach(found::add);
        }
        return found;
    }

    /** A busybox container request builder bound to this test's engine. */
    ContainerBuilder busybox(String... cmd) {
        ContainerBuilder b = containers.create(busybox);
        return cmd.length == 0 ? b : b.cmd(cmd);
    }
}

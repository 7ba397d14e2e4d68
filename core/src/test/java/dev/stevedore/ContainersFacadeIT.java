package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.Preconditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The static {@link Containers} entry point, on the local engine of the hermetic home. */
@ExtendWith(HermeticHome.class)
class ContainersFacadeIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    @AfterAll
    static void closeLocal() {
        Stevedore.local().close();
    }

    @Test
    void runsListsAndRemovesThroughTheLocalEngine() {
        Preconditions.requiresSandbox();
        String ref = BusyboxImage.shared().pushTo(registry, "facade/busybox:latest");
        String id;
        try (Container c = Containers.create(ref).name("facade").cmd("echo", "static").start()) {
            assertThat(c.waitFor().exitCode()).isZero();
            assertThat(c.output()).isEqualTo("static\n");
            id = c.id();
        }
        assertThat(Containers.list(true)).extracting(ContainerInfo::id).contains(id);
        assertThat(Containers.get("facade")).isPresent();
        assertThat(Containers.prune().removed()).contains(id);
        assertThat(Containers.get("facade")).isEmpty();
        assertThat(Containers.volumes().list()).isEmpty();
        assertThat(Containers.networks().list()).isEmpty();
    }
}

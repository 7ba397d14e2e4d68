package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.Preconditions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The engine as the containers side and the static entry points use it. */
@ExtendWith(HermeticHome.class)
class StevedoreIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    static BusyboxImage busybox;
    static String ref;

    @TempDir
    Path home;

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        ref = busybox.pushTo(registry, "engine/busybox:latest");
    }

    @AfterAll
    static void closeLocal() {
        Stevedore.local().close();
    }

    @Test
    void theStaticEntryPointsUseTheLocalEngineOnTheHermeticHome() {
        // when
        Image image = Images.pull(ref);

        // then
        assertThat(Stevedore.local().home()).isEqualTo(Path.of(System.getProperty("stevedore.home")));
        assertThat(Images.list()).extracting(Image::id).contains(image.id());
        assertThat(Images.inspect(ref).references()).contains(ref);
        assertThat(Images.remove(ref).untagged()).containsExactly(ref);
        assertThat(Images.find(ref)).isEmpty();
    }

    @Test
    void makesANewLocalEngineAfterTheOldOneWasClosed() {
        // given
        Stevedore first = Stevedore.local();
        assertThat(Stevedore.local()).isSameAs(first);

        // when
        first.close();

        // then
        assertThat(Stevedore.local()).isNotSameAs(first);
        assertThat(Stevedore.local().images().list()).isNotNull();
    }

    @Test
    void resolvesForRunLocallyFirstThenByPulling() {
        try (Stevedore engine = Stevedore.builder().home(home).build()) {
            // when: not here yet, so pulled
            Image pulled = engine.resolveForRun(ref);

            // then: found locally by reference, id and short id
            assertThat(pulled.references()).containsExactly(ref);
            assertThat(engine.resolveForRun(pulled.id())).isEqualTo(engine.images().inspect(pulled.id()));
            assertThat(engine.resolveForRun(pulled.configDigest().encoded().substring(0, 12)).id())
                    .isEqualTo(pulled.id());
            assertThatThrownBy(() -> engine.resolveForRun("sha256:" + "0".repeat(64)))
                    .isInstanceOf(ImageNotFoundException.class);
        }
    }

    @Test
    void unpacksSnapshotsOnFirstUseOnly() {
        Preconditions.requiresRoot();
        try (Stevedore engine = Stevedore.builder().home(home).build()) {
            // given
            Image image = engine.images().pull(ref);
            assertThat(engine.store().snapshots().snapshots()).isEmpty();

            // when
            List<Path> lowers = engine.lowerDirs(image);

            // then
            assertThat(lowers).singleElement().satisfies(fs -> assertThat(fs.resolve("bin/busybox")).exists());
            assertThat(engine.store().snapshots().snapshots()).hasSize(1);
            assertThat(engine.lowerDirs(image)).isEqualTo(lowers);
        }
    }

    @Test
    void pullsFromManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (Stevedore engine = Stevedore.builder().home(home).build()) {
            // when
            List<Future<Image>> pulls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String target = i % 2 == 0 ? ref : "t" + i + ":1";
                pulls.add(pool.submit(() -> target.equals(ref) ? engine.images().pull(ref)
                        : engine.images().pull(ref).tag(target)));
            }
            for (Future<Image> pull : pulls) {
                assertThat(pull.get().id()).isEqualTo(busybox.configDigest().toString());
            }

            // then
            assertThat(engine.images().list()).singleElement().satisfies(i -> assertThat(i.references())
                    .containsExactly(ref, "docker.io/library/t1:1", "docker.io/library/t3:1", "docker.io/library/t5:1"));
            assertThat(engine.store().fsck(false).isClean()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.HermeticHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(HermeticHome.class)
class StevedoreTest {
    @TempDir
    Path dir;

    @Test
    void createsTheHomeWithTheStoreAsAnOciLayout() {
        // given
        Path home = dir.resolve("engine");

        // when
        try (Stevedore engine = Stevedore.builder().home(home).build()) {
            // then
            assertThat(engine.home()).isEqualTo(home);
            assertThat(engine.store().root()).isEqualTo(home.resolve("store"));
            assertThat(home.resolve("store/oci-layout")).isRegularFile();
            assertThat(home.resolve("store/index.json")).isRegularFile();
            assertThat(engine.images().list()).isEmpty();
        }
    }

    @Test
    void keepsEnginesOnDifferentHomesApart() {
        try (Stevedore one = Stevedore.builder().home(dir.resolve("one")).build();
                Stevedore two = Stevedore.builder().home(dir.resolve("two")).build()) {
            assertThat(one.store().root()).isNotEqualTo(two.store().root());
            assertThat(one.images()).isNotSameAs(two.images());
        }
    }

    @Test
    void usesTheHermeticHomeWhenGivenNone() {
        try (Stevedore engine = Stevedore.builder().build()) {
            assertThat(engine.home()).isEqualTo(Path.of(System.getProperty("stevedore.home")));
        }
    }

    @Test
    void refusesToRunContainersForNonRootWithAClearMessage() {
        // given: an engine that sees itself as uid 1000
        try (Stevedore engine = Stevedore.builder().home(dir).euid(() -> 1000).build()) {
            // when / then
            assertThatThrownBy(engine::sandboxRuntime)
                    .isInstanceOfSatisfying(RootRequiredException.class, e -> assertThat(e.uid()).isEqualTo(1000))
                    .isInstanceOf(StevedoreException.class)
                    .hasMessageStartingWith("running containers requires root in Stevedore 0.1 (this process runs as"
                            + " uid 1000)");
            // images still work
            assertThat(engine.images().list()).isEmpty();
        }
    }

    @Test
    void closesTwiceHarmlesslyAndRefusesUseAfterClose() {
        // given
        Stevedore engine = Stevedore.builder().home(dir).build();

        // when
        engine.close();
        engine.close();

        // then
        assertThatThrownBy(engine::images).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(engine::store).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shutsDownItsOwnExecutorButNotTheCallers() {
        // given
        ExecutorService mine = Executors.newSingleThreadExecutor();
        try {
            Stevedore withMine = Stevedore.builder().home(dir.resolve("a")).executor(mine).build();
            Stevedore withOwn = Stevedore.builder().home(dir.resolve("b")).build();
            ExecutorService own = withOwn.executor();
            assertThat(withMine.executor()).isSameAs(mine);

            // when
            withMine.close();
            withOwn.close();

            // then
            assertThat(mine.isShutdown()).isFalse();
            assertThat(own.isTerminated()).isTrue();
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void failsClearlyWhenTheHomeCannotBeCreated() throws Exception {
        // given: a file where the home should be
        Path file = Files.writeString(dir.resolve("file"), "x");

        // when / then
        assertThatThrownBy(() -> Stevedore.builder().home(file.resolve("home")).build())
                .isInstanceOf(StevedoreException.class)
                .hasMessageContaining("Tried to open the engine at " + file.resolve("home"));
    }

    @Test
    void rejectsBadReferencesBeforeContactingAnyRegistry() {
        try (Stevedore engine = Stevedore.builder().home(dir).build()) {
            assertThatThrownBy(() -> engine.images().pull("Not/Valid:"))
                    .isInstanceOf(ImageReferenceException.class)
                    .hasMessageContaining("not a valid image reference: \"Not/Valid:\"");
            assertThatThrownBy(() -> engine.images().tag("busybox", "a b"))
                    .isInstanceOf(ImageNotFoundException.class);
        }
    }

    @Test
    void saysWhichImageIsMissingAndWhere() {
        try (Stevedore engine = Stevedore.builder().home(dir).build()) {
            assertThatThrownBy(() -> engine.images().inspect("nosuch:1"))
                    .isInstanceOfSatisfying(ImageNotFoundException.class,
                            e -> assertThat(e.reference()).isEqualTo("nosuch:1"))
                    .hasMessageContaining("no such image: nosuch:1")
                    .hasMessageContaining(dir.resolve("store").toString());
            assertThat(engine.images().find("0123abcd")).isEmpty();
        }
    }

    @Test
    void refusesAMirrorWithoutScheme() {
        assertThatThrownBy(() -> Stevedore.builder().mirror("docker.io", java.net.URI.create("mirror.example")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

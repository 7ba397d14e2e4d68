package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Digest;
import dev.stevedore.registry.RegistryEvent;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.FaultProxy;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from a real registry into an engine on a temp home. */
@ExtendWith(HermeticHome.class)
class PullIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();
    @RegisterExtension
    static FaultProxy proxy = FaultProxy.inFrontOf(registry);

    static BusyboxImage busybox;
    static String ref;

    @TempDir
    Path home;
    final List<RegistryEvent> events = new CopyOnWriteArrayList<>();
    Stevedore engine;

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        ref = busybox.pushTo(registry, "pull/busybox:latest");
        busybox.pushTo(registry, "library/busybox:latest");
    }

    @BeforeEach
    void openEngine() {
        engine = Stevedore.builder().home(home).registryListener(events::add).build();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void pullsByTagIntoTheStoreUnderTheNormalizedReference() throws Exception {
        // when
        Image image = engine.images().pull(ref);

        // then
        assertThat(image.id()).isEqualTo(busybox.configDigest().toString());
        assertThat(image.manifestDigest()).isEqualTo(busybox.manifestDigest());
        assertThat(image.references()).containsExactly(ref);
        assertThat(image.layers()).singleElement().satisfies(layer -> {
            assertThat(layer.blob().digest()).isEqualTo(busybox.layerDigest());
            assertThat(layer.diffId()).isEqualTo(busybox.diffId());
        });
        assertThat(image.config().config().cmd()).isEqualTo(BusyboxImage.CMD);
        assertThat(engine.store().refs().get(ref)).hasValueSatisfying(
                d -> assertThat(d.digest()).isEqualTo(busybox.manifestDigest()));
        assertThat(Files.readString(home.resolve("store/index.json"))).contains("\"" + ref + "\"");
        assertThat(engine.store().snapshots().snapshots()).as("unpacked on first use, not at pull").isEmpty();
    }

    @Test
    void pullsByDigest() {
        // given
        String byDigest = registry.reference("pull/busybox@" + busybox.manifestDigest());

        // when
        Image image = engine.images().pull(byDigest);

        // then
        assertThat(image.references()).containsExactly(byDigest);
        assertThat(image.id()).isEqualTo(busybox.configDigest().toString());
        assertThat(engine.images().inspect(byDigest)).isEqualTo(image);
    }

    @Test
    void pullingAgainDownloadsNothing() {
        // given
        Image first = engine.images().pull(ref);
        events.clear();

        // when
        Image again = engine.images().pull(ref);

        // then
        assertThat(again).isEqualTo(first);
        assertThat(events).noneMatch(e -> e instanceof RegistryEvent.BlobStarted);
        assertThat(events).filteredOn(e -> e instanceof RegistryEvent.BlobSkipped).hasSize(2);
        assertThat(engine.images().list()).hasSize(1);
    }

    @Test
    void pullingByDigestWhatIsHereAsksNoRegistry() {
        // given
        engine.images().pull(ref);
        events.clear();
        String byDigest = registry.reference("pull/busybox@" + busybox.manifestDigest());

        // when
        Image image = engine.images().pull(byDigest);

        // then
        assertThat(events).isEmpty();
        assertThat(image.references()).containsExactly(byDigest, ref);
    }

    @Test
    void pullsThroughAMirror() {
        // given: docker.io mirrored by the local registry, which holds library/busybox
        try (Stevedore mirrored = Stevedore.builder().home(home.resolve("mirrored"))
                .mirror("docker.io", URI.create("http://" + registry.host())).build()) {
            // when
            Image image = mirrored.images().pull("busybox");

            // then
            assertThat(image.references()).containsExactly("docker.io/library/busybox:latest");
            assertThat(image.id()).isEqualTo(busybox.configDigest().toString());
        }
    }

    @Test
    void saysWhichImageTheRegistryLacks() {
        // given
        String missing = registry.reference("pull/nosuch:1");

        // when / then
        assertThatThrownBy(() -> engine.images().pull(missing))
                .isInstanceOfSatisfying(ImageNotFoundException.class, e -> assertThat(e.reference()).isEqualTo(missing))
                .hasMessageContaining("Tried to pull " + missing)
                .hasMessageContaining("the registry " + registry.host() + " has no such image");
        assertThat(engine.store().refs().list()).isEmpty();
    }

    @Test
    void storesNothingAndNamesNothingWhenTheRegistryLies() {
        // given: a registry whose layer does not match its digest
        proxy.on("GET", "/v2/pull/busybox/blobs/" + busybox.layerDigest()).always().flipByte(100);
        String lying = proxy.host() + "/pull/busybox:latest";

        // when / then
        assertThatThrownBy(() -> engine.images().pull(lying))
                .isInstanceOfSatisfying(PullException.class, e -> assertThat(e.reference()).isEqualTo(lying))
                .hasMessageContaining("Tried to pull " + lying)
                .hasMessageContaining(busybox.layerDigest().toString());
        assertThat(engine.store().refs().list()).isEmpty();
        assertThat(engine.store().blobs().contains(busybox.layerDigest())).isFalse();
        assertThat(engine.images().list()).isEmpty();
    }

    @Test
    void pullsTheSameImageIntoTwoEnginesInOneJvm() {
        // given
        try (Stevedore other = Stevedore.builder().home(home.resolve("other")).build()) {
            // when
            Image here = engine.images().pull(ref);
            Image there = other.images().pull(ref);

            // then
            assertThat(there.id()).isEqualTo(here.id());
            assertThat(other.store().root()).isNotEqualTo(engine.store().root());
            engine.images().remove(ref);
            assertThat(engine.images().list()).isEmpty();
            assertThat(other.images().list()).extracting(Image::id).containsExactly(here.id());
        }
    }

    @Test
    void findsAPulledImageByIdAndShortId() {
        // given
        Image image = engine.images().pull(ref);
        Digest config = busybox.configDigest();

        // then
        assertThat(engine.images().inspect(config.toString()).id()).isEqualTo(image.id());
        assertThat(engine.images().inspect(config.encoded()).references()).containsExactly(ref);
        assertThat(engine.images().inspect(config.encoded().substring(0, 12)).id()).isEqualTo(image.id());
    }
}

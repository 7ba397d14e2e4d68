package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pulls from the real docker-registry what skopeo pushed, byte for byte. */
@ExtendWith(HermeticHome.class)
class PullIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    static BusyboxImage busybox;
    static ImageReference ref;

    final List<RegistryEvent> events = new CopyOnWriteArrayList<>();
    final RegistryClient client = RegistryClient.builder().listener(events::add).build();

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        ref = ImageReference.parse(busybox.pushTo(registry, "pull/busybox:1"));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void fetchesTheManifestByteForByteAsSkopeoSeesIt() {
        // when
        ManifestBytes manifest = client.manifest(ref);

        // then
        assertThat(manifest.bytes()).isEqualTo(registry.skopeo().rawManifest("pull/busybox:1"));
        assertThat(manifest.digest()).isEqualTo(busybox.manifestDigest());
    }

    @Test
    void fetchesTheManifestByDigestAndChecksIt() {
        ManifestBytes manifest = client.manifest(ref.withDigest(busybox.manifestDigest()));

        assertThat(manifest.digest()).isEqualTo(busybox.manifestDigest());
    }

    @Test
    void pullsEveryBlobIntoTheSinkByteForByte() {
        // given
        MemorySink sink = new MemorySink();
        LayoutSource layout = new LayoutSource(busybox.layoutDir());

        // when
        PullResult result = client.pull(ref, Platform.host(), sink);

        // then
        assertThat(sink.committed.get(busybox.layerDigest())).isEqualTo(layout.blob(busybox.layerDigest()));
        assertThat(sink.committed.get(busybox.configDigest())).isEqualTo(layout.blob(busybox.configDigest()));
        assertThat(result.downloaded()).extracting(Descriptor::digest)
                .containsExactlyInAnyOrder(busybox.layerDigest(), busybox.configDigest());
        assertThat(sink.aborted).isEmpty();
        assertThat(sink.closed.get()).isEqualTo(sink.opened.get());
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(RegistryEvent.Resolved.class));
        assertThat(events).filteredOn(e -> e instanceof RegistryEvent.BlobDone).hasSize(2);
    }

    @Test
    void skipsBlobsTheSinkAlreadyHas() {
        // given
        MemorySink sink = new MemorySink();
        sink.present.add(busybox.layerDigest());

        // when
        PullResult result = client.pull(ref, Platform.host(), sink);

        // then
        assertThat(result.skipped()).extracting(Descriptor::digest).containsExactly(busybox.layerDigest());
        assertThat(sink.committed).containsOnlyKeys(busybox.configDigest());
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(RegistryEvent.BlobSkipped.class));
    }

    @Test
    void leavesNoThreadBehindWhenClosed() {
        // given
        RegistryClient own = RegistryClient.builder().build();
        own.pull(ref, Platform.host(), new MemorySink());

        // when
        own.close();
        own.close();

        // then
        assertThat(Thread.getAllStackTraces().keySet()).noneSatisfy(t -> assertThat(t.getName())
                .matches("stevedore-registry-\\d+-transfer-.*"));
        assertThatThrownBy(() -> own.manifest(ref)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsAMissingTagAsManifestUnknownNamingTheReference() {
        ImageReference missing = ref.withTag("nope");

        assertThatThrownBy(() -> client.manifest(missing))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo("MANIFEST_UNKNOWN");
                    assertThat(e.reference()).isEqualTo(missing.toString());
                })
                .hasMessageStartingWith("Tried to pull manifest " + missing + " but failed because: the registry answered 404");
    }
}

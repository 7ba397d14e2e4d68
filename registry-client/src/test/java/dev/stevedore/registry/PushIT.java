package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.FaultProxy;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pushes to the real docker-registry and checks the result with skopeo. */
@ExtendWith(HermeticHome.class)
class PushIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();
    @RegisterExtension
    static FaultProxy proxy = FaultProxy.inFrontOf(registry);

    static BusyboxImage busybox;
    static LayoutSource layout;
    static ManifestBytes manifest;

    final List<RegistryEvent> events = new CopyOnWriteArrayList<>();
    final List<java.time.Duration> waits = new CopyOnWriteArrayList<>();
    RegistryClient client = RegistryClient.builder().listener(events::add).sleeper(waits::add).build();

    @BeforeAll
    static void image() {
        busybox = BusyboxImage.shared();
        layout = new LayoutSource(busybox.layoutDir());
        manifest = layout.manifest(busybox.manifestDigest());
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void pushesAnImageThatSkopeoInspectsAndCopies(@TempDir Path copy) throws Exception {
        // when
        client.push(ImageReference.parse(registry.reference("push/one:1")), PushRequest.of(manifest, layout));

        // then
        JsonNode info = registry.skopeo().inspect("push/one:1");
        assertThat(info.path("Digest").asText()).isEqualTo(busybox.manifestDigest().toString());
        registry.skopeo().pull("push/one:1", copy.resolve("layout"), "copied");
        assertThat(Files.readAllBytes(copy.resolve("layout/blobs").resolve(busybox.layerDigest().blobPath())))
                .isEqualTo(layout.blob(busybox.layerDigest()));
        assertThat(events).filteredOn(e -> e instanceof RegistryEvent.BlobDone).hasSize(2);
    }

    @Test
    void sendsOnlyMissingBlobs() {
        // given
        ImageReference target = ImageReference.parse(proxy.host() + "/push/twice:1");
        client.push(target, PushRequest.of(manifest, layout));
        proxy.reset();
        events.clear();

        // when
        client.push(target.withTag("2"), PushRequest.of(manifest, layout));

        // then
        assertThat(proxy.count("HEAD", "/v2/push/twice/blobs/.+")).isEqualTo(2);
        assertThat(proxy.count("POST", ".*")).isZero();
        assertThat(proxy.count("PUT", "/v2/push/twice/manifests/2")).isEqualTo(1);
        assertThat(events).filteredOn(e -> e instanceof RegistryEvent.BlobSkipped).hasSize(2);
    }

    @Test
    void mountsBlobsFromAnotherRepository() {
        // given
        client.push(ImageReference.parse(registry.reference("push/base:1")), PushRequest.of(manifest, layout));
        events.clear();

        // when
        client.push(ImageReference.parse(registry.reference("push/derived:1")),
                PushRequest.of(manifest, layout).withMountFrom("push/base"));

        // then
        assertThat(events).filteredOn(e -> e instanceof RegistryEvent.BlobMounted).hasSize(2);
        assertThat(registry.skopeo().inspect("push/derived:1").path("Digest").asText())
                .isEqualTo(busybox.manifestDigest().toString());
    }

    @Test
    void uploadsLargeBlobsInChunksAndResumesFromTheRegistrysRange() {
        // given
        long chunk = 64 * 1024;
        AtomicBoolean armed = new AtomicBoolean();
        RegistryListener failSecondChunk = e -> {
            if (e instanceof RegistryEvent.BlobProgress p && p.digest().equals(busybox.layerDigest())
                    && p.bytes() >= chunk && armed.compareAndSet(false, true)) {
                proxy.on("PATCH", "/v2/push/chunked/blobs/uploads/.+").respond(503);
            }
        };
        client.close();
        client = RegistryClient.builder().chunkSize(chunk).listener(failSecondChunk).sleeper(waits::add).build();
        ImageReference target = ImageReference.parse(proxy.host() + "/push/chunked:1");

        // when
        client.push(target, PushRequest.of(manifest, layout));

        // then
        assertThat(proxy.count("PATCH", "/v2/push/chunked/blobs/uploads/.+")).isGreaterThan(2);
        assertThat(proxy.count("GET", "/v2/push/chunked/blobs/uploads/.+")).isEqualTo(1);
        MemorySink sink = new MemorySink();
        client.pull(target, Platform.host(), sink);
        assertThat(sink.committed.get(busybox.layerDigest())).isEqualTo(layout.blob(busybox.layerDigest()));
        assertThat(waits).hasSize(1);
    }
}

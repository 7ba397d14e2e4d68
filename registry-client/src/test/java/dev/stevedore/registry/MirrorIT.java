package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.FaultProxy;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pull mirrors, tried in order before the origin, with two real registries. */
@ExtendWith(HermeticHome.class)
class MirrorIT {
    @RegisterExtension
    static LocalRegistry origin = LocalRegistry.anonymous();
    @RegisterExtension
    static LocalRegistry mirror = LocalRegistry.anonymous();
    @RegisterExtension
    static FaultProxy mirrorProxy = FaultProxy.inFrontOf(mirror);
    @RegisterExtension
    static FaultProxy originProxy = FaultProxy.inFrontOf(origin);

    static BusyboxImage busybox;

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        busybox.pushTo(mirror, "mirrored/busybox:1");
        busybox.pushTo(mirror, "library/busybox:1");
        busybox.pushTo(origin, "onlyorigin/busybox:1");
    }

    final List<Duration> waits = new CopyOnWriteArrayList<>();

    RegistryClient client(String registryName) {
        return RegistryClient.builder().mirror(registryName, mirrorProxy.baseUri()).sleeper(waits::add).build();
    }

    @Test
    void pullsFromTheMirrorWhenItHasTheImage() {
        try (RegistryClient client = client(originProxy.host())) {
            MemorySink sink = new MemorySink();

            client.pull(ImageReference.parse(originProxy.host() + "/mirrored/busybox:1"), Platform.host(), sink);

            assertThat(sink.committed).containsKey(busybox.layerDigest());
            assertThat(originProxy.requests()).isEmpty();
            assertThat(mirrorProxy.count("GET", "/v2/mirrored/busybox/blobs/.+")).isEqualTo(2);
        }
    }

    @Test
    void fallsBackToTheOriginWhenTheMirrorLacksTheImage() {
        try (RegistryClient client = client(originProxy.host())) {
            MemorySink sink = new MemorySink();

            client.pull(ImageReference.parse(originProxy.host() + "/onlyorigin/busybox:1"), Platform.host(), sink);

            assertThat(sink.committed).containsKey(busybox.layerDigest());
            assertThat(mirrorProxy.count("GET", "/v2/onlyorigin/busybox/manifests/1")).isEqualTo(1);
            assertThat(originProxy.count("GET", "/v2/onlyorigin/busybox/manifests/1")).isEqualTo(1);
        }
    }

    @Test
    void fallsBackToTheOriginWhenTheMirrorKeepsFailing() {
        mirrorProxy.on("*", "/v2/.+").always().respond(503);
        try (RegistryClient client = client(originProxy.host())) {
            MemorySink sink = new MemorySink();

            client.pull(ImageReference.parse(originProxy.host() + "/onlyorigin/busybox:1"), Platform.host(), sink);

            assertThat(sink.committed).containsKey(busybox.layerDigest());
            assertThat(waits).isNotEmpty();
        }
    }

    @Test
    void servesDockerHubImagesFromItsMirrorWithoutReachingDockerHub() {
        try (RegistryClient client = client("docker.io")) {
            MemorySink sink = new MemorySink();

            client.pull(ImageReference.parse("busybox:1"), Platform.host(), sink);

            assertThat(sink.committed).containsKey(busybox.layerDigest());
            assertThat(mirrorProxy.count("GET", "/v2/library/busybox/manifests/1")).isEqualTo(1);
        }
    }
}

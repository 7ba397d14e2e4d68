package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The busybox image, pushed to a real registry, reads back the same through skopeo. */
class BusyboxImagePushIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    private static BusyboxImage image;
    private static String pushed;

    @TempDir
    Path tmp;

    @BeforeAll
    static void pushBusybox(@TempDir Path layouts) {
        Preconditions.requiresCommand("skopeo", "skopeo");
        image = BusyboxImage.writeTo(layouts.resolve("busybox"));
        pushed = image.pushTo(registry, "library/busybox:latest");
    }

    @Test
    void pushReturnsTheFullReference() {
        // when / then
        assertThat(pushed).isEqualTo(registry.host() + "/library/busybox:latest");
    }

    @Test
    void skopeoInspectReportsOurManifestDigestAndConfig() {
        // when
        JsonNode info = registry.skopeo().inspect("library/busybox:latest");

        // then
        assertThat(info.path("Digest").asText()).isEqualTo(image.manifestDigest().toString());
        assertThat(info.path("Architecture").asText()).isEqualTo(Platform.host().architecture());
        assertThat(info.path("Os").asText()).isEqualTo("linux");
        assertThat(info.path("Env").get(0).asText()).isEqualTo(BusyboxImage.ENV.get(0));
        assertThat(info.path("Layers")).hasSize(1);
        assertThat(info.path("Layers").get(0).asText()).isEqualTo(image.layerDigest().toString());
        assertThat(info.path("RepoTags").get(0).asText()).isEqualTo("latest");
    }

    @Test
    void registryServesOurManifestBytesUnchanged() throws IOException {
        // when
        byte[] served = registry.skopeo().rawManifest("library/busybox:latest");

        // then
        assertThat(served).isEqualTo(Files.readAllBytes(image.blob(image.manifestDigest())));
    }

    @Test
    void configReadBackHasCmdAndDiffId() {
        // when
        JsonNode config = registry.skopeo().config("library/busybox:latest");

        // then
        assertThat(config.path("config").path("Cmd").get(0).asText()).isEqualTo("sh");
        assertThat(config.path("rootfs").path("diff_ids").get(0).asText()).isEqualTo(image.diffId().toString());
    }

    @Test
    void copyingBackGivesTheSameLayerBytes() throws IOException {
        // given
        Path copy = tmp.resolve("copy");

        // when
        registry.skopeo().pull("library/busybox:latest", copy, "copied");

        // then
        Path layer = copy.resolve("blobs").resolve(image.layerDigest().blobPath());
        assertThat(Files.readAllBytes(layer)).isEqualTo(Files.readAllBytes(image.blob(image.layerDigest())));
        JsonNode index = new ObjectMapper().readTree(copy.resolve("index.json").toFile());
        assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(image.manifestDigest().toString());
        assertThat(index.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name").asText())
                .isEqualTo("copied");
    }

    @Test
    void blobsLandInTheRegistrysStorage() throws IOException {
        // when
        Path stored = registry.storageDir().resolve("docker/registry/v2/blobs/sha256")
                .resolve(image.layerDigest().encoded().substring(0, 2)).resolve(image.layerDigest().encoded()).resolve("data");

        // then
        assertThat(stored).hasSameBinaryContentAs(image.blob(image.layerDigest()));
    }

    @Test
    void aSecondTagListsBoth() {
        // when
        image.pushTo(registry, "library/busybox:second");

        // then
        assertThat(registry.skopeo().tags("library/busybox")).contains("latest", "second");
    }
}

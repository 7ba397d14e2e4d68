package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.Preconditions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** skopeo reads what the store writes, and the store reads what skopeo writes. */
class SkopeoInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path skopeo;
    LayerStore store;
    BusyboxImage busybox;

    @BeforeEach
    void setUp() {
        skopeo = Preconditions.requiresCommand("skopeo", "skopeo");
        store = LayerStore.open(tmp.resolve("store"));
        busybox = BusyboxImage.writeTo(tmp.resolve("busybox"));
        store.archives().importOci(busybox.layoutDir());
        store.refs().put("docker.io/library/busybox:1.36", store.refs().get("latest").orElseThrow());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private String skopeo(String... args) throws Exception {
        return Tool.run(tmp, Tool.skopeo(skopeo, tmp, args));
    }

    /** The manifest named {@code ref} in an OCI layout directory, read the way an OCI tool would. */
    private static ImageManifest manifestIn(Path layout, String ref) throws Exception {
        try (LayerStore other = LayerStore.open(layout);
                InputStream in = other.blobs().open(other.refs().get(ref).orElseThrow().digest())) {
            return (ImageManifest) ManifestBytes.parse(in.readAllBytes()).document();
        }
    }

    @Test
    void inspectsAndCopiesImagesStraightOutOfTheStore() throws Exception {
        // when
        JsonNode inspected = JSON.readTree(skopeo("inspect", "oci:" + store.root() + ":latest"));
        JsonNode byFullName = JSON.readTree(skopeo("inspect", "oci:" + store.root() + ":docker.io/library/busybox:1.36"));
        Path copy = tmp.resolve("copy");
        skopeo("copy", "--preserve-digests", "oci:" + store.root() + ":docker.io/library/busybox:1.36",
                "oci:" + copy + ":copied");

        // then
        assertThat(inspected.path("Digest").asText()).isEqualTo(busybox.manifestDigest().toString());
        assertThat(inspected.path("Layers").get(0).asText()).isEqualTo(busybox.layerDigest().toString());
        assertThat(byFullName.path("Digest").asText()).isEqualTo(busybox.manifestDigest().toString());
        assertThat(Files.readAllBytes(copy.resolve("blobs").resolve(busybox.manifestDigest().blobPath())))
                .isEqualTo(Files.readAllBytes(busybox.blob(busybox.manifestDigest())));
        assertThat(store.fsck(false).isClean()).isTrue();
    }

    @Test
    void importsALayoutAndAnArchiveSkopeoWrote() throws Exception {
        // given
        Path layout = tmp.resolve("skopeo-layout");
        Path archive = tmp.resolve("skopeo.tar");
        skopeo("copy", "oci:" + busybox.layoutDir() + ":latest", "oci:" + layout + ":v1");
        skopeo("copy", "oci:" + busybox.layoutDir() + ":latest", "docker-archive:" + archive + ":busybox:from-skopeo");

        // when
        try (LayerStore other = LayerStore.open(tmp.resolve("other"))) {
            other.archives().importOci(layout);
            ImportResult imported = other.archives().importDocker(archive);

            // then
            assertThat(other.refs().get("v1").orElseThrow().digest()).isEqualTo(busybox.manifestDigest());
            assertThat(imported.refs()).containsOnlyKeys("docker.io/library/busybox:from-skopeo");
            try (InputStream in = other.blobs().open(imported.images().get(0).digest())) {
                ImageManifest manifest = (ImageManifest) ManifestBytes.parse(in.readAllBytes()).document();
                assertThat(manifest.config().digest()).isEqualTo(busybox.configDigest());
                assertThat(manifest.layers().get(0).digest()).isEqualTo(busybox.diffId());
            }
            assertThat(other.fsck(false).isClean()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(DockerArchiveLayers.class)
    void readsOurDockerArchiveWithTheSameConfigAndDiffIds(DockerArchiveLayers layers) throws Exception {
        // given
        Path archive = tmp.resolve("ours.tar");
        store.archives().exportDocker(archive, List.of("docker.io/library/busybox:1.36"), layers);

        // when skopeo picks the image by its RepoTag and copies it to an OCI layout
        Path out = tmp.resolve("from-docker-archive");
        skopeo("copy", "docker-archive:" + archive + ":busybox:1.36", "oci:" + out + ":copied");

        // then the config is ours byte for byte, and the layer is the same tar
        ImageManifest manifest = manifestIn(out, "copied");
        assertThat(manifest.config().digest()).isEqualTo(busybox.configDigest());
        JsonNode config = JSON.readTree(skopeo("inspect", "--config", "oci:" + out + ":copied"));
        assertThat(config.path("rootfs").path("diff_ids").get(0).asText()).isEqualTo(busybox.diffId().toString());
        Path layer = out.resolve("blobs").resolve(manifest.layers().get(0).digest().blobPath());
        try (InputStream in = StreamCompression.decompress(Files.newInputStream(layer),
                StreamCompression.sniff(Files.newInputStream(layer)))) {
            assertThat(Digest.compute(in)).isEqualTo(busybox.diffId());
        }
    }

    @Test
    void readsOurOciTarball() throws Exception {
        // given
        Path archive = tmp.resolve("ours-oci.tar");
        store.archives().exportOciTar(archive, List.of("latest"));

        // when
        JsonNode inspected = JSON.readTree(skopeo("inspect", "oci-archive:" + archive + ":latest"));

        // then
        assertThat(Digest.parse(inspected.path("Digest").asText())).isEqualTo(busybox.manifestDigest());
    }
}

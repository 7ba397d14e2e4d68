package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusyboxImageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void twoBuildsGiveIdenticalBytes() throws IOException {
        // given
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");

        // when
        BusyboxImage a = BusyboxImage.write(BusyboxImage.buildUncached(), first, "latest");
        BusyboxImage b = BusyboxImage.write(BusyboxImage.buildUncached(), second, "latest");

        // then
        assertThat(b.manifestDigest()).isEqualTo(a.manifestDigest());
        assertThat(b.layerDigest()).isEqualTo(a.layerDigest());
        List<Path> files = relativeFiles(first);
        assertThat(files).hasSize(5).isEqualTo(relativeFiles(second));
        for (Path file : files) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file.toString())
                    .isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    @Test
    void writesAnOciImageLayout() throws IOException {
        // when
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));

        // then
        assertThat(image.tag()).isEqualTo("latest");
        assertThat(tmp.resolve("layout/oci-layout")).hasContent("{\"imageLayoutVersion\":\"1.0.0\"}");
        JsonNode index = JSON.readTree(tmp.resolve("layout/index.json").toFile());
        assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(index.path("manifests")).hasSize(1);
        JsonNode descriptor = index.path("manifests").get(0);
        assertThat(descriptor.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(descriptor.path("digest").asText()).isEqualTo(image.manifestDigest().toString());
        assertThat(descriptor.path("size").asLong()).isEqualTo(Files.size(image.blob(image.manifestDigest())));
        assertThat(descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo("latest");
    }

    @Test
    void everyBlobIsStoredUnderItsOwnDigest() throws IOException {
        // given
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));

        // when
        List<Path> blobs;
        try (Stream<Path> files = Files.list(tmp.resolve("layout/blobs/sha256"))) {
            blobs = files.toList();
        }

        // then
        assertThat(blobs).hasSize(3);
        for (Path blob : blobs) {
            assertThat(Digest.of(Files.readAllBytes(blob)).encoded()).isEqualTo(blob.getFileName().toString());
        }
        assertThat(blobs.stream().map(p -> Digest.sha256(p.getFileName().toString())))
                .containsExactlyInAnyOrder(image.manifestDigest(), image.configDigest(), image.layerDigest());
    }

    @Test
    void manifestPointsAtConfigAndGzipLayerWithTheirSizes() throws IOException {
        // given
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));

        // when
        JsonNode manifest = JSON.readTree(Files.readAllBytes(image.blob(image.manifestDigest())));

        // then
        assertThat(manifest.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        JsonNode config = manifest.path("config");
        assertThat(config.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.config.v1+json");
        assertThat(config.path("digest").asText()).isEqualTo(image.configDigest().toString());
        assertThat(config.path("size").asLong()).isEqualTo(Files.size(image.blob(image.configDigest())));
        assertThat(manifest.path("layers")).hasSize(1);
        JsonNode layer = manifest.path("layers").get(0);
        assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
        assertThat(layer.path("digest").asText()).isEqualTo(image.layerDigest().toString());
        assertThat(layer.path("size").asLong()).isEqualTo(Files.size(image.blob(image.layerDigest())));
    }

    @Test
    void configDescribesABusyboxShellImage() throws IOException {
        // given
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));

        // when
        JsonNode config = JSON.readTree(Files.readAllBytes(image.blob(image.configDigest())));

        // then
        assertThat(config.path("architecture").asText()).isEqualTo(Platform.host().architecture());
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("config").path("Env").get(0).asText())
                .isEqualTo("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        assertThat(config.path("config").path("Cmd")).hasSize(1);
        assertThat(config.path("config").path("Cmd").get(0).asText()).isEqualTo("sh");
        assertThat(config.path("rootfs").path("type").asText()).isEqualTo("layers");
        assertThat(config.path("rootfs").path("diff_ids").get(0).asText()).isEqualTo(image.diffId().toString());
        assertThat(config.path("history").get(0).path("created").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(config.path("created").asText()).isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void diffIdIsTheDigestOfTheUncompressedLayer() throws IOException {
        // given
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));

        // when
        byte[] tar = LayerContents.gunzip(Files.readAllBytes(image.blob(image.layerDigest())));

        // then
        assertThat(Digest.of(tar)).isEqualTo(image.diffId()).isNotEqualTo(image.layerDigest());
    }

    @Test
    void namesTheImageWithTheGivenTag() throws IOException {
        // when
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"), "1.36-test");

        // then
        assertThat(image.tag()).isEqualTo("1.36-test");
        assertThat(JSON.readTree(tmp.resolve("layout/index.json").toFile()).path("manifests").get(0)
                .path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo("1.36-test");
    }

    @Test
    void rejectsAnInvalidTag() {
        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> BusyboxImage.writeTo(tmp.resolve("layout"), "no/slash"))
                .withMessageContaining("no/slash");
        assertThat(tmp.resolve("layout")).doesNotExist();
    }

    @Test
    void sharedImageIsWrittenOncePerJvm() {
        // when
        BusyboxImage first = BusyboxImage.shared();
        BusyboxImage second = BusyboxImage.shared();

        // then
        assertThat(second).isSameAs(first);
        assertThat(first.blob(first.layerDigest())).isRegularFile();
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}

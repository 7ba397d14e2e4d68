package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.testing.BusyboxImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@code docker save} format, both ways. */
class DockerArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    LayerStore store;
    BusyboxImage busybox;
    byte[] layerTar;

    @BeforeEach
    void setUp() throws IOException {
        store = LayerStore.open(tmp.resolve("store"));
        busybox = BusyboxImage.writeTo(tmp.resolve("busybox"));
        store.archives().importOci(busybox.layoutDir());
        store.refs().put("docker.io/library/busybox:1.36", store.refs().get("latest").orElseThrow());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(busybox.blob(busybox.layerDigest())))) {
            layerTar = in.readAllBytes();
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void writesTheClassicLayoutWithPlainLayersAsDockerSaveDoes() throws Exception {
        // when
        Path archive = tmp.resolve("busybox.tar");
        store.archives().exportDocker(archive, List.of("docker.io/library/busybox:1.36", "latest"),
                DockerArchiveLayers.UNCOMPRESSED);

        // then
        Map<String, byte[]> files = read(archive);
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest).hasSize(1);
        JsonNode image = manifest.get(0);
        assertThat(image.path("Config").asText()).isEqualTo(busybox.configDigest().encoded() + ".json");
        assertThat(image.path("RepoTags").get(0).asText()).isEqualTo("busybox:1.36");
        assertThat(image.path("RepoTags")).hasSize(1); // "latest" names no repository
        String layerPath = image.path("Layers").get(0).asText();
        assertThat(layerPath).matches("[0-9a-f]{64}/layer.tar");
        String layerId = layerPath.substring(0, 64);
        assertThat(Digest.of(files.get(layerPath))).isEqualTo(busybox.diffId());
        assertThat(new String(files.get(layerId + "/VERSION"), StandardCharsets.US_ASCII)).isEqualTo("1.0");
        assertThat(JSON.readTree(files.get(layerId + "/json")).path("id").asText()).isEqualTo(layerId);
        assertThat(Digest.of(files.get(image.path("Config").asText()))).isEqualTo(busybox.configDigest());
        assertThat(JSON.readTree(files.get("repositories")).path("busybox").path("1.36").asText())
                .isEqualTo(layerId);
    }

    @ParameterizedTest
    @EnumSource(DockerArchiveLayers.class)
    void importsWhatItExportedWithTheSameConfigAndDiffIds(DockerArchiveLayers layers) {
        // given
        Path archive = tmp.resolve("busybox.tar");
        store.archives().exportDocker(archive, List.of("docker.io/library/busybox:1.36"), layers);

        // when
        try (LayerStore other = LayerStore.open(tmp.resolve("other"))) {
            ImportResult imported = other.archives().importDocker(archive);

            // then
            assertThat(imported.refs()).containsOnlyKeys("docker.io/library/busybox:1.36");
            ImageManifest manifest = manifest(other, "docker.io/library/busybox:1.36");
            assertThat(manifest.config().digest()).isEqualTo(busybox.configDigest());
            Digest layer = manifest.layers().get(0).digest();
            if (layers == DockerArchiveLayers.UNCOMPRESSED) {
                assertThat(layer).isEqualTo(busybox.diffId());
                assertThat(manifest.layers().get(0).mediaType()).isEqualTo(MediaType.OCI_LAYER_TAR);
            } else {
                assertThat(layer).isEqualTo(busybox.layerDigest());
                assertThat(manifest.layers().get(0).mediaType()).isEqualTo(MediaType.OCI_LAYER_TAR_GZIP);
            }
            assertThat(other.fsck(false).isClean()).isTrue();
        }
    }

    @Test
    void readsTheNewerLayoutWithBlobPaths() throws Exception {
        // given an archive as docker 25 writes it: blobs/sha256/<hex> paths in manifest.json
        byte[] config = Files.readAllBytes(busybox.blob(busybox.configDigest()));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("blobs/sha256/" + busybox.diffId().encoded(), layerTar);
        files.put("blobs/sha256/" + busybox.configDigest().encoded(), config);
        files.put("manifest.json", ("[{\"Config\":\"blobs/sha256/" + busybox.configDigest().encoded()
                + "\",\"RepoTags\":[\"registry.local:5000/tools/busybox:v1\"],\"Layers\":[\"blobs/sha256/"
                + busybox.diffId().encoded() + "\"]}]").getBytes(StandardCharsets.UTF_8));
        Path archive = write(tmp.resolve("new.tar"), files, Map.of());

        // when
        store.archives().importDocker(archive);

        // then
        ImageManifest manifest = manifest(store, "registry.local:5000/tools/busybox:v1");
        assertThat(manifest.config().digest()).isEqualTo(busybox.configDigest());
        assertThat(manifest.layers().get(0).digest()).isEqualTo(busybox.diffId());
    }

    @Test
    void followsLinksAsSkopeoWritesThemAndVerifiesCompressedLayers() throws Exception {
        // given a gzip layer behind a symlink <id>/layer.tar -> ../<hex>.tar
        byte[] config = Files.readAllBytes(busybox.blob(busybox.configDigest()));
        byte[] gzipLayer = Files.readAllBytes(busybox.blob(busybox.layerDigest()));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("abc.tar", gzipLayer);
        files.put(busybox.configDigest().encoded() + ".json", config);
        files.put("manifest.json", ("[{\"Config\":\"" + busybox.configDigest().encoded() + ".json\","
                + "\"RepoTags\":[\"busybox:linked\"],\"Layers\":[\"l1/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        Path archive = write(tmp.resolve("linked.tar"), files, Map.of("l1/layer.tar", "../abc.tar"));

        // when
        store.archives().importDocker(archive);

        // then
        ImageManifest manifest = manifest(store, "docker.io/library/busybox:linked");
        assertThat(manifest.layers().get(0).digest()).isEqualTo(busybox.layerDigest());
        assertThat(manifest.layers().get(0).mediaType()).isEqualTo(MediaType.OCI_LAYER_TAR_GZIP);
    }

    @Test
    void rejectsALayerThatIsNotWhatTheConfigSays() throws Exception {
        // given
        byte[] config = Files.readAllBytes(busybox.blob(busybox.configDigest()));
        byte[] otherLayer = TestContent.tar("evil", "x".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("l1/layer.tar", otherLayer);
        files.put("l2/layer.tar", TestContent.gzip(otherLayer));
        files.put(busybox.configDigest().encoded() + ".json", config);
        for (String layer : List.of("l1/layer.tar", "l2/layer.tar")) {
            files.put("manifest.json", ("[{\"Config\":\"" + busybox.configDigest().encoded() + ".json\","
                    + "\"RepoTags\":[\"busybox:evil\"],\"Layers\":[\"" + layer + "\"]}]").getBytes(StandardCharsets.UTF_8));
            Path archive = write(tmp.resolve("evil.tar"), files, Map.of());

            // when / then
            assertThatThrownBy(() -> store.archives().importDocker(archive))
                    .isInstanceOfSatisfying(BlobDigestMismatchException.class, e -> {
                        assertThat(e.expected()).isEqualTo(busybox.diffId());
                        assertThat(e.actual()).isEqualTo(Digest.of(otherLayer));
                    });
            assertThat(store.refs().get("docker.io/library/busybox:evil")).isEmpty();
            assertThat(store.blobs().contains(Digest.of(otherLayer))).isFalse();
            assertThat(store.blobs().contains(Digest.of(TestContent.gzip(otherLayer)))).isFalse();
        }
    }

    private static ImageManifest manifest(LayerStore store, String ref) {
        var descriptor = store.refs().get(ref).orElseThrow();
        try (InputStream in = store.blobs().open(descriptor.digest())) {
            return (ImageManifest) ManifestBytes.parse(in.readAllBytes()).document();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, byte[]> read(Path archive) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarFile tar = new TarFile(archive)) {
            for (TarArchiveEntry entry : tar.getEntries()) {
                if (entry.isFile()) {
                    try (InputStream in = tar.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }

    private static Path write(Path archive, Map<String, byte[]> files, Map<String, String> symlinks)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(FileTime.from(Instant.EPOCH));
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, String> link : symlinks.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(link.getKey(), TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName(link.getValue());
                entry.setModTime(FileTime.from(Instant.EPOCH));
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        }
        try (OutputStream out = Files.newOutputStream(archive)) {
            bytes.writeTo(out);
        }
        return archive;
    }
}

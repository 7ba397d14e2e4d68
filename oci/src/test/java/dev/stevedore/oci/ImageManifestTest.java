package dev.stevedore.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageManifestTest {
    private static final Digest CONFIG = Digest.sha256("b79606fb3afea5bd1609ed40b622142f1c98125abcfe89a76a661b0e8e343910");
    private static final Digest LAYER = Digest.sha256("77ea7eee3d80b1a38f83906dd3048e2689457eb90e18a7d12f839c5ae37106a2");
    private static final Digest SUBJECT = Digest.sha256("a9491f4c1bf7b0cffbadcba2db8f028e4b3f2867cb59e1f3a0bc1968f3c51242");

    @Test
    void writesCanonicalCompactJson() {
        // given
        ImageManifest manifest = ImageManifest.of(Descriptor.of(MediaType.OCI_CONFIG, CONFIG, 7), List.of())
                .withLayer(Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, LAYER, 100)
                        .withAnnotations(Map.of("z", "last", "a", "first")))
                .withSubject(Descriptor.of(MediaType.OCI_MANIFEST, SUBJECT, 9))
                .withAnnotations(Map.of("org.example", "yes"));

        // when
        String json = new String(manifest.toJson(), UTF_8);

        // then
        assertThat(json).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + CONFIG
                + "\",\"size\":7},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + LAYER + "\",\"size\":100,\"annotations\":{\"a\":\"first\",\"z\":\"last\"}}],"
                + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + SUBJECT
                + "\",\"size\":9},\"annotations\":{\"org.example\":\"yes\"}}");
    }

    @Test
    void writesTheSameBytesEveryTime() {
        // given
        ImageManifest first = ImageManifest.of(Descriptor.of(MediaType.OCI_CONFIG, CONFIG, 7), List.of())
                .withAnnotations(Map.of("k1", "v", "k2", "v", "k3", "v", "k4", "v"));
        ImageManifest second = ImageManifest.of(Descriptor.of(MediaType.OCI_CONFIG, CONFIG, 7), List.of())
                .withAnnotations(Map.of("k4", "v", "k3", "v", "k2", "v", "k1", "v"));

        // when / then
        assertThat(second.toJson()).isEqualTo(first.toJson());
    }

    @Test
    void replacesConfig() {
        // given
        ImageManifest manifest = ImageManifest.of(Descriptor.of(MediaType.OCI_CONFIG, CONFIG, 7), List.of());
        Descriptor newConfig = Descriptor.of(MediaType.OCI_CONFIG, LAYER, 8);

        // when / then
        assertThat(manifest.withConfig(newConfig).config()).isEqualTo(newConfig);
    }

    @Test
    void rejectsSchemaVersionOtherThanTwo() {
        // when / then
        assertThatThrownBy(() -> new ImageManifest(1, MediaType.OCI_MANIFEST, Optional.empty(),
                Descriptor.of(MediaType.OCI_CONFIG, CONFIG, 7), List.of(), Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemaVersion must be 2, got 1");
    }

    @Test
    void rejectsIndexMediaType() {
        // when / then
        assertThatThrownBy(() -> new ImageManifest(2, MediaType.OCI_INDEX, Optional.empty(),
                Descriptor.of(MediaType.OCI_CONFIG, CONFIG, 7), List.of(), Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MediaType.OCI_INDEX);
    }
}

package dev.stevedore.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DescriptorTest {
    private static final Digest DIGEST = Digest.of(new byte[0]);

    @Test
    void describesContent() {
        // when
        Descriptor empty = Descriptor.ofContent(MediaType.OCI_EMPTY, "{}".getBytes(UTF_8));

        // then
        assertThat(empty.digest().toString())
                .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assertThat(empty.size()).isEqualTo(2);
        assertThat(empty.mediaType()).isEqualTo("application/vnd.oci.empty.v1+json");
    }

    @Test
    void rejectsNegativeSize() {
        // when / then
        assertThatThrownBy(() -> Descriptor.of(MediaType.OCI_LAYER_TAR, DIGEST, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("descriptor size must not be negative: -1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "json", "application/", "/json", "application/json; charset=utf-8", "a b/c"})
    void rejectsMalformedMediaType(String mediaType) {
        // when / then
        assertThatThrownBy(() -> Descriptor.of(mediaType, DIGEST, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed media type");
    }

    @Test
    void copiesCollectionsItIsGiven() {
        // given
        Map<String, String> annotations = new HashMap<>(Map.of("a", "1"));
        Descriptor descriptor = Descriptor.of(MediaType.OCI_LAYER_TAR, DIGEST, 0).withAnnotations(annotations);

        // when
        annotations.put("b", "2");

        // then
        assertThat(descriptor.annotations()).containsOnlyKeys("a");
        assertThatThrownBy(() -> descriptor.annotations().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void carriesUrlsAndArtifactType() {
        // when
        Descriptor descriptor = Descriptor.of(MediaType.DOCKER_FOREIGN_LAYER_TAR_GZIP, DIGEST, 0)
                .withUrls(List.of("https://mirror.example/a"))
                .withArtifactType("application/vnd.example.sbom");

        // then
        assertThat(descriptor.urls()).containsExactly("https://mirror.example/a");
        assertThat(descriptor.artifactType()).contains("application/vnd.example.sbom");
    }
}

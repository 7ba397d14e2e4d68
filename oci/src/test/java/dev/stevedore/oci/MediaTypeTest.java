package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            application/vnd.oci.image.manifest.v1+json                      | true  | false | false | false
            application/vnd.docker.distribution.manifest.v2+json            | true  | false | false | false
            application/vnd.oci.image.index.v1+json                         | false | true  | false | false
            application/vnd.docker.distribution.manifest.list.v2+json       | false | true  | false | false
            application/vnd.oci.image.config.v1+json                        | false | false | true  | false
            application/vnd.docker.container.image.v1+json                  | false | false | true  | false
            application/vnd.oci.image.layer.v1.tar+gzip                     | false | false | false | true
            application/vnd.docker.image.rootfs.diff.tar.gzip               | false | false | false | true
            application/vnd.oci.empty.v1+json                               | false | false | false | false
            application/vnd.docker.distribution.manifest.v1+prettyjws       | false | false | false | false
            application/json                                                | false | false | false | false
            """)
    void classifiesMediaTypes(String mediaType, boolean manifest, boolean index, boolean config, boolean layer) {
        // when / then
        assertThat(MediaType.isManifest(mediaType)).isEqualTo(manifest);
        assertThat(MediaType.isIndex(mediaType)).isEqualTo(index);
        assertThat(MediaType.isConfig(mediaType)).isEqualTo(config);
        assertThat(MediaType.isLayer(mediaType)).isEqualTo(layer);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            application/vnd.oci.image.layer.v1.tar                          | NONE | false
            application/vnd.oci.image.layer.v1.tar+gzip                     | GZIP | false
            application/vnd.oci.image.layer.v1.tar+zstd                     | ZSTD | false
            application/vnd.oci.image.layer.nondistributable.v1.tar         | NONE | true
            application/vnd.oci.image.layer.nondistributable.v1.tar+gzip    | GZIP | true
            application/vnd.oci.image.layer.nondistributable.v1.tar+zstd    | ZSTD | true
            application/vnd.docker.image.rootfs.diff.tar                    | NONE | false
            application/vnd.docker.image.rootfs.diff.tar.gzip               | GZIP | false
            application/vnd.docker.image.rootfs.diff.tar.zstd               | ZSTD | false
            application/vnd.docker.image.rootfs.foreign.diff.tar            | NONE | true
            application/vnd.docker.image.rootfs.foreign.diff.tar.gzip       | GZIP | true
            """)
    void tellsLayerCompression(String mediaType, Compression compression, boolean nonDistributable) {
        // when / then
        assertThat(MediaType.layerCompression(mediaType)).contains(compression);
        assertThat(MediaType.isNonDistributable(mediaType)).isEqualTo(nonDistributable);
    }

    @Test
    void hasNoCompressionForNonLayers() {
        // when / then
        assertThat(MediaType.layerCompression(MediaType.OCI_CONFIG)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {MediaType.DOCKER_SCHEMA1_MANIFEST, MediaType.DOCKER_SCHEMA1_SIGNED_MANIFEST})
    void refusesDockerSchema1WithAClearMessage(String mediaType) {
        // when / then
        assertThat(MediaType.isDockerSchema1(mediaType)).isTrue();
        assertThatThrownBy(() -> MediaType.requireManifestOrIndex(mediaType))
                .isInstanceOf(UnsupportedMediaTypeException.class)
                .hasMessageStartingWith("Docker image manifest schema 1 is not supported")
                .hasMessageContaining(mediaType)
                .satisfies(e -> assertThat(((UnsupportedMediaTypeException) e).mediaType()).isEqualTo(mediaType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", MediaType.OCI_CONFIG, MediaType.OCI_LAYER_TAR})
    void refusesUnknownManifestMediaTypes(String mediaType) {
        // when / then
        assertThatThrownBy(() -> MediaType.requireManifestOrIndex(mediaType))
                .isInstanceOf(UnsupportedMediaTypeException.class)
                .hasMessageStartingWith("unsupported manifest media type \"" + mediaType + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {MediaType.OCI_MANIFEST, MediaType.OCI_INDEX, MediaType.DOCKER_MANIFEST,
        MediaType.DOCKER_MANIFEST_LIST})
    void acceptsManifestAndIndexTypes(String mediaType) {
        // when / then
        assertThat(MediaType.requireManifestOrIndex(mediaType)).isEqualTo(mediaType);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            application/vnd.oci.image.manifest.v1+json                  | application/vnd.oci.image.manifest.v1+json
            Application/JSON; charset=utf-8                             | application/json
            '  application/vnd.oci.image.index.v1+json ; q=1'           | application/vnd.oci.image.index.v1+json
            """)
    void stripsParametersFromContentType(String contentType, String mediaType) {
        // when / then
        assertThat(MediaType.fromContentType(contentType)).isEqualTo(mediaType);
    }
}

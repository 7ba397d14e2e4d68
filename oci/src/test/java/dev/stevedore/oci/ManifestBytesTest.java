package dev.stevedore.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestBytesTest {
    private static final String CONFIG = "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"digest\":\"sha256:b79606fb3afea5bd1609ed40b622142f1c98125abcfe89a76a661b0e8e343910\",\"size\":2}";

    @Test
    void keepsTheExactBytesAndDigestsThem() {
        // given: pretty-printed, with a field this module does not model
        byte[] bytes = Fixtures.read("oci-manifest.json");

        // when
        ManifestBytes manifest = ManifestBytes.parse(bytes);

        // then
        assertThat(manifest.bytes()).isEqualTo(bytes);
        assertThat(manifest.digest()).isEqualTo(Digest.of(bytes));
        assertThat(manifest.size()).isEqualTo(bytes.length);
        assertThat(manifest.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
        assertThat(manifest.descriptor()).isEqualTo(Descriptor.of(MediaType.OCI_MANIFEST, Digest.of(bytes), bytes.length));
        assertThat(manifest.toString()).contains(Digest.of(bytes).toString());
    }

    @Test
    void parsesTheManifestView() {
        // when
        ManifestDocument document = ManifestBytes.parse(Fixtures.read("oci-manifest.json")).document();

        // then
        assertThat(document).isInstanceOf(ImageManifest.class);
        ImageManifest manifest = (ImageManifest) document;
        assertThat(manifest.schemaVersion()).isEqualTo(2);
        assertThat(manifest.config().digest().toString())
                .isEqualTo("sha256:b79606fb3afea5bd1609ed40b622142f1c98125abcfe89a76a661b0e8e343910");
        assertThat(manifest.config().size()).isEqualTo(1469);
        assertThat(manifest.layers()).extracting(Descriptor::size).containsExactly(2_811_478L, 120L);
        Descriptor second = manifest.layers().get(1);
        assertThat(second.mediaType()).isEqualTo(MediaType.OCI_LAYER_TAR_ZSTD);
        assertThat(second.urls()).containsExactly("https://mirror.example/layer2");
        assertThat(second.annotations()).containsEntry("org.opencontainers.image.title", "layer2.tar.zst");
        assertThat(manifest.subject().map(Descriptor::size)).contains(512L);
        assertThat(manifest.annotations()).containsOnlyKeys("org.opencontainers.image.created");
    }

    @Test
    void parsesDockerSchema2Manifest() {
        // when
        ManifestBytes manifest = ManifestBytes.parse(Fixtures.read("docker-manifest.json"));

        // then
        assertThat(manifest.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
        ImageManifest view = (ImageManifest) manifest.document();
        assertThat(view.config().mediaType()).isEqualTo(MediaType.DOCKER_CONFIG);
        assertThat(view.layers()).singleElement().extracting(Descriptor::mediaType)
                .isEqualTo(MediaType.DOCKER_LAYER_TAR_GZIP);
    }

    @Test
    void parsesAnIndexWithItsPlatforms() {
        // when
        ManifestBytes index = ManifestBytes.parse(Fixtures.read("oci-index.json"));

        // then
        assertThat(index.document()).isInstanceOf(ImageIndex.class);
        ImageIndex view = (ImageIndex) index.document();
        assertThat(view.manifests()).hasSize(7);
        assertThat(view.manifests().get(3).platform()).contains(
                new Platform("linux", "arm64", Optional.of("v8"), Optional.empty(), List.of()));
        assertThat(view.manifests().get(5).platform().flatMap(Platform::osVersion)).contains("10.0.17763.5458");
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]                 | ''                                                              | application/vnd.oci.image.index.v1+json
            "manifests":[]                                                                       | application/vnd.docker.distribution.manifest.list.v2+json       | application/vnd.docker.distribution.manifest.list.v2+json
            "manifests":[]                                                                       | 'application/vnd.oci.image.index.v1+json; charset=utf-8'        | application/vnd.oci.image.index.v1+json
            "manifests":[]                                                                       | ''                                                              | application/vnd.oci.image.index.v1+json
            "layers":[],CONFIG                                                                   | ''                                                              | application/vnd.oci.image.manifest.v1+json
            "layers":[],CONFIG                                                                   | application/vnd.docker.distribution.manifest.v2+json            | application/vnd.docker.distribution.manifest.v2+json
            "mediaType":"application/vnd.docker.distribution.manifest.v2+json","layers":[],CONFIG | application/vnd.docker.distribution.manifest.v2+json           | application/vnd.docker.distribution.manifest.v2+json
            """)
    void takesMediaTypeFromDocumentThenContentTypeThenShape(String body, String contentType, String expected) {
        // given
        byte[] bytes = ("{\"schemaVersion\":2," + body.replace("CONFIG", CONFIG) + "}").getBytes(UTF_8);

        // when
        ManifestBytes manifest = ManifestBytes.parse(bytes, Optional.of(contentType).filter(c -> !c.isEmpty()));

        // then
        assertThat(manifest.mediaType()).isEqualTo(expected);
        assertThat(manifest.document().mediaType()).isEqualTo(expected);
    }

    @Test
    void rejectsDocumentMediaTypeThatContradictsContentType() {
        // given
        byte[] bytes = Fixtures.read("oci-manifest.json");

        // when / then
        assertThatThrownBy(() -> ManifestBytes.parse(bytes, Optional.of(MediaType.DOCKER_MANIFEST)))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("mediaType: does not match the Content-Type \"" + MediaType.DOCKER_MANIFEST + "\"")
                .hasMessageContaining("got \"" + MediaType.OCI_MANIFEST + "\"");
    }

    @Test
    void rejectsDocumentWhoseMediaTypeCannotBeTold() {
        // given
        byte[] bytes = "{\"schemaVersion\":2,\"config\":{}}".getBytes(UTF_8);

        // when / then
        assertThatThrownBy(() -> ManifestBytes.parse(bytes))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("cannot tell the media type");
    }

    @Test
    void rejectsUnknownContentTypeInsteadOfGuessing() {
        // given
        byte[] bytes = ("{\"schemaVersion\":2,\"layers\":[]," + CONFIG + "}").getBytes(UTF_8);

        // when / then
        assertThatThrownBy(() -> ManifestBytes.parse(bytes, Optional.of("application/json")))
                .isInstanceOf(UnsupportedMediaTypeException.class)
                .hasMessageStartingWith("unsupported manifest media type \"application/json\"");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"schemaVersion":1,"name":"library/busybox","tag":"latest","fsLayers":[],"history":[]} | ''
            {"schemaVersion":1,"name":"library/busybox","fsLayers":[],"signatures":[]}            | application/vnd.docker.distribution.manifest.v1+prettyjws
            {"schemaVersion":1,"mediaType":"application/vnd.docker.distribution.manifest.v1+json"} | ''
            """)
    void refusesDockerSchema1(String body, String contentType) {
        // when / then
        assertThatThrownBy(() -> ManifestBytes.parse(body.getBytes(UTF_8),
                Optional.of(contentType).filter(c -> !c.isEmpty())))
                .isInstanceOf(UnsupportedMediaTypeException.class)
                .hasMessageStartingWith("Docker image manifest schema 1 is not supported");
    }

    @Test
    void rejectsManifestLargerThanFourMebibytes() {
        // given
        byte[] bytes = new byte[ManifestBytes.MAX_SIZE + 1];

        // when / then
        assertThatThrownBy(() -> ManifestBytes.parse(bytes))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("more than the limit of 4194304");
    }

    @Test
    void isNotChangedByTheCallersArrays() {
        // given
        byte[] bytes = Fixtures.read("docker-manifest.json");
        ManifestBytes manifest = ManifestBytes.parse(bytes);

        // when
        bytes[0] = ' ';
        manifest.bytes()[1] = ' ';

        // then
        assertThat(manifest.bytes()).isEqualTo(Fixtures.read("docker-manifest.json"));
        assertThat(manifest.matches(Digest.of(Fixtures.read("docker-manifest.json")))).isTrue();
    }

    @Test
    void matchesADigestOfEitherAlgorithm() {
        // given
        byte[] bytes = Fixtures.read("docker-manifest.json");
        ManifestBytes manifest = ManifestBytes.parse(bytes);

        // when / then
        assertThat(manifest.matches(Digest.of(DigestAlgorithm.SHA512, bytes))).isTrue();
        assertThat(manifest.matches(Digest.of(new byte[0]))).isFalse();
    }

    @Test
    void writesAnAuthoredManifestAndReadsItBack() {
        // given
        ImageManifest authored = ImageManifest.of(
                Descriptor.ofContent(MediaType.OCI_CONFIG, "{}".getBytes(UTF_8)),
                List.of(Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, Digest.of(new byte[] {1}), 42)))
                .withAnnotations(Map.of("b", "2", "a", "1"));

        // when
        ManifestBytes written = ManifestBytes.of(authored);
        ManifestBytes reread = ManifestBytes.parse(written.bytes());

        // then
        assertThat(written.digest()).isEqualTo(Digest.of(authored.toJson()));
        assertThat(reread).isEqualTo(written);
        assertThat(reread.document()).isEqualTo(authored);
    }
}

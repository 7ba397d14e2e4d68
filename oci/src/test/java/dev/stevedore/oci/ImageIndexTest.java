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

class ImageIndexTest {
    private static final ImageIndex INDEX = (ImageIndex) ManifestBytes.parse(Fixtures.read("oci-index.json")).document();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            linux/amd64            | 5861314d7fccb39c2192173240eab44fa35ca66426201ca2acd0630a6258dd51
            linux/x86_64           | 5861314d7fccb39c2192173240eab44fa35ca66426201ca2acd0630a6258dd51
            linux/amd64/v3         | 5861314d7fccb39c2192173240eab44fa35ca66426201ca2acd0630a6258dd51
            linux/arm64            | f69162950f235e3cdbbad33f1f912d1a504be90d8a37d002c735d6f3e3882265
            linux/arm64/v8         | f69162950f235e3cdbbad33f1f912d1a504be90d8a37d002c735d6f3e3882265
            linux/aarch64          | f69162950f235e3cdbbad33f1f912d1a504be90d8a37d002c735d6f3e3882265
            linux/arm/v7           | 5ba6c8710dd1369ce61603ab9b7a81b25f92d4a9f74956ab72a7ea75884f07ee
            linux/arm              | 5ba6c8710dd1369ce61603ab9b7a81b25f92d4a9f74956ab72a7ea75884f07ee
            linux/arm/v8           | 5ba6c8710dd1369ce61603ab9b7a81b25f92d4a9f74956ab72a7ea75884f07ee
            linux/arm/v6           | 50b8c3e55c3365d624e7e10ae6a783d525e02b16924d4dcff0611f3e2544efaf
            linux/armel            | 50b8c3e55c3365d624e7e10ae6a783d525e02b16924d4dcff0611f3e2544efaf
            linux/386              | 15a26c6fa5151c712acc7ee45a1fd525ab85b801f096847c7d5fdf49efeabb4d
            windows(10.0.17763)/amd64 | 823a3180dad3c9c3c4dea43ab2baf9f04bac9c3a7711745ff5f702551496d735
            """)
    void picksTheBestManifestForAPlatform(String platform, String hex) {
        // when
        Optional<Descriptor> chosen = INDEX.manifestFor(Platform.parse(platform));

        // then
        assertThat(chosen.map(Descriptor::digest)).contains(Digest.sha256(hex));
    }

    @ParameterizedTest
    @CsvSource({"linux/arm/v5", "linux/s390x", "windows(10.0.20348)/amd64", "darwin/arm64"})
    void findsNothingWhenNoEntryCanRun(String platform) {
        // when / then
        assertThat(INDEX.manifestFor(Platform.parse(platform))).isEmpty();
    }

    @Test
    void prefersAnExactVariantOverAnOlderOneListedFirst() {
        // given: arm/v6 comes before arm/v7 in the index
        assertThat(INDEX.manifests().get(1).platform().flatMap(Platform::variant)).contains("v6");

        // when
        Optional<Descriptor> chosen = INDEX.manifestFor(Platform.parse("linux/arm/v7"));

        // then
        assertThat(chosen.flatMap(Descriptor::platform).flatMap(Platform::variant)).contains("v7");
    }

    @Test
    void fallsBackToArmWhenAnArm64HostHasNoArm64Entry() {
        // given
        ImageIndex armOnly = ImageIndex.of(List.of(entry("linux/arm/v6", 1), entry("linux/arm/v7", 2)));

        // when
        Optional<Descriptor> chosen = armOnly.manifestFor(Platform.parse("linux/arm64"));

        // then
        assertThat(chosen.map(Descriptor::size)).contains(2L);
    }

    @Test
    void takesTheFirstOfEqualEntriesAndSkipsEntriesWithoutPlatform() {
        // given
        Descriptor noPlatform = Descriptor.of(MediaType.OCI_MANIFEST, Digest.of(new byte[] {0}), 0);
        ImageIndex index = ImageIndex.of(List.of(noPlatform, entry("linux/amd64", 1), entry("linux/amd64", 2)));

        // when
        Optional<Descriptor> chosen = index.manifestFor(Platform.parse("linux/amd64"));

        // then
        assertThat(chosen.map(Descriptor::size)).contains(1L);
    }

    @Test
    void writesCanonicalCompactJson() {
        // given
        ImageIndex index = ImageIndex.of(List.of(entry("linux/arm64/v8", 5)))
                .withAnnotations(Map.of("org.opencontainers.image.ref.name", "1.0"));
        Digest digest = index.manifests().get(0).digest();

        // when
        String json = new String(index.toJson(), UTF_8);

        // then
        assertThat(json).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest
                + "\",\"size\":5,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}],"
                + "\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"}}");
        assertThat(ManifestBytes.parse(index.toJson()).document()).isEqualTo(index);
    }

    @Test
    void writesEveryPlatformField() {
        // given
        Platform windows = new Platform("windows", "amd64", Optional.of("v2"), Optional.of("10.0.17763.1"),
                List.of("win32k"));
        ImageIndex index = ImageIndex.of(List.of(entry("linux/amd64", 1).withPlatform(windows)));

        // when
        String json = new String(index.toJson(), UTF_8);

        // then
        assertThat(json).contains("\"platform\":{\"architecture\":\"amd64\",\"os\":\"windows\","
                + "\"os.version\":\"10.0.17763.1\",\"os.features\":[\"win32k\"],\"variant\":\"v2\"}");
    }

    @Test
    void rejectsManifestMediaType() {
        // when / then
        assertThatThrownBy(() -> new ImageIndex(2, MediaType.OCI_MANIFEST, Optional.empty(), List.of(),
                Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MediaType.OCI_MANIFEST);
    }

    private static Descriptor entry(String platform, long size) {
        return Descriptor.of(MediaType.OCI_MANIFEST, Digest.of(platform.getBytes(UTF_8)), size)
                .withPlatform(Platform.parse(platform));
    }
}

package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.CannedResponse;
import dev.stevedore.testing.FaultProxy;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Artifacts with a subject: the referrers tag schema on docker-registry 2.8, the API through canned answers. */
@ExtendWith(HermeticHome.class)
class ReferrersIT {
    static final String SBOM = "application/vnd.example.sbom.v1+json";
    static final String SIGNATURE = "application/vnd.example.signature.v1";

    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();
    @RegisterExtension
    static FaultProxy proxy = FaultProxy.inFrontOf(registry);

    static BusyboxImage busybox;
    static Descriptor subject;

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        busybox.pushTo(registry, "refs/busybox:1");
        subject = new LayoutSource(busybox.layoutDir()).manifest(busybox.manifestDigest()).descriptor();
    }

    ImageReference subjectRef(String repository) {
        return ImageReference.parse(proxy.host() + "/" + repository + "@" + busybox.manifestDigest());
    }

    /** An artifact manifest: empty config, one text blob, the given artifact type and the busybox subject. */
    static ManifestBytes artifact(String artifactType, String content, Map<String, byte[]> blobs) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = content.getBytes(StandardCharsets.UTF_8);
        Descriptor config = Descriptor.ofContent(MediaType.OCI_EMPTY, empty);
        Descriptor data = Descriptor.ofContent("text/plain", layer);
        blobs.put(config.digest().toString(), empty);
        blobs.put(data.digest().toString(), layer);
        return ManifestBytes.of(new ImageManifest(2, MediaType.OCI_MANIFEST, Optional.of(artifactType), config,
                List.of(data), Optional.of(subject), Map.of("org.example.kind", content)));
    }

    static BlobSource from(Map<String, byte[]> blobs) {
        return digest -> new ByteArrayInputStream(blobs.get(digest.toString()));
    }

    @Test
    void keepsTheReferrersTagWhenTheRegistryLacksTheApi() {
        try (RegistryClient client = RegistryClient.builder().build()) {
            // given
            Map<String, byte[]> blobs = new java.util.concurrent.ConcurrentHashMap<>();
            ManifestBytes sbom = artifact(SBOM, "sbom", blobs);
            ManifestBytes signature = artifact(SIGNATURE, "signature", blobs);
            ImageReference repo = ImageReference.parse(proxy.host() + "/refs/busybox");

            // when
            client.push(repo.withDigest(sbom.digest()), PushRequest.of(sbom, from(blobs)));
            client.push(repo.withDigest(signature.digest()), PushRequest.of(signature, from(blobs)));

            // then
            List<Descriptor> all = client.referrers(subjectRef("refs/busybox"));
            assertThat(all).extracting(Descriptor::digest).containsExactly(sbom.digest(), signature.digest());
            assertThat(all.get(0).artifactType()).contains(SBOM);
            assertThat(all.get(0).annotations()).containsEntry("org.example.kind", "sbom");
            assertThat(client.referrers(subjectRef("refs/busybox"), SIGNATURE)).extracting(Descriptor::digest)
                    .containsExactly(signature.digest());
            ManifestBytes tag = client.manifest(repo.withTag("sha256-" + busybox.manifestDigest().encoded()));
            assertThat(tag.document()).isInstanceOf(ImageIndex.class);
            assertThat(proxy.count("GET", "/v2/refs/busybox/referrers/.+")).isEqualTo(2);
        }
    }

    @Test
    void listsNothingForASubjectWithoutReferrers() {
        try (RegistryClient client = RegistryClient.builder().build()) {
            ImageReference lonely = ImageReference.parse(proxy.host() + "/refs/none@" + busybox.layerDigest());

            assertThat(client.referrers(lonely)).isEmpty();
        }
    }

    @Test
    void usesTheReferrersApiWhereTheRegistryHasIt_filteringIfItDidNot() {
        // given
        Digest a = Digest.of("a".getBytes(StandardCharsets.UTF_8));
        Digest b = Digest.of("b".getBytes(StandardCharsets.UTF_8));
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":["
                + "{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + a + "\",\"size\":10,\"artifactType\":\"" + SBOM + "\"},"
                + "{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + b + "\",\"size\":20,\"artifactType\":\"" + SIGNATURE + "\"}]}";
        proxy.on("GET", "/v2/api/busybox/referrers/" + busybox.manifestDigest()).times(2)
                .respond(CannedResponse.status(200).body(MediaType.OCI_INDEX, index.getBytes(StandardCharsets.UTF_8)));

        try (RegistryClient client = RegistryClient.builder().build()) {
            // when
            List<Descriptor> all = client.referrers(subjectRef("api/busybox"));
            List<Descriptor> sboms = client.referrers(subjectRef("api/busybox"), SBOM);

            // then
            assertThat(all).extracting(Descriptor::digest).containsExactly(a, b);
            assertThat(sboms).extracting(Descriptor::digest).containsExactly(a);
            assertThat(proxy.count("GET", "/v2/api/busybox/manifests/.+")).isZero();
        }
    }

    @Test
    void leavesTheReferrersTagAloneWhenTheRegistryAnswersWithOciSubject() {
        Map<String, byte[]> blobs = new java.util.concurrent.ConcurrentHashMap<>();
        ManifestBytes sbom = artifact(SBOM, "answered", blobs);
        proxy.on("PUT", "/v2/subj/busybox/manifests/.+").respond(CannedResponse.status(201)
                .header("OCI-Subject", busybox.manifestDigest().toString())
                .header("Docker-Content-Digest", sbom.digest().toString()));

        try (RegistryClient client = RegistryClient.builder().build()) {
            client.push(ImageReference.parse(proxy.host() + "/subj/busybox@" + sbom.digest()), PushRequest.of(sbom,
                    from(blobs)));

            assertThat(proxy.count("*", "/v2/subj/busybox/manifests/sha256-.+")).isZero();
        }
    }
}

package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.CannedResponse;
import dev.stevedore.testing.FaultProxy;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.ProxiedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tags with pagination, the catalog, deletes, and indexes resolved per platform. */
@ExtendWith(HermeticHome.class)
class ListAndDeleteIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();
    @RegisterExtension
    static FaultProxy proxy = FaultProxy.inFrontOf(registry);

    static BusyboxImage busybox;
    static LayoutSource layout;
    static ManifestBytes manifest;

    final RegistryClient client = RegistryClient.builder().build();

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        layout = new LayoutSource(busybox.layoutDir());
        manifest = layout.manifest(busybox.manifestDigest());
        busybox.pushTo(registry, "list/busybox:a");
    }

    @AfterEach
    void close() {
        client.close();
    }

    ImageReference repo(String name) {
        return ImageReference.parse(proxy.host() + "/" + name);
    }

    @Test
    void listsEveryTag() {
        // given
        for (String tag : List.of("b", "c", "d", "e")) {
            client.pushManifest(repo("list/busybox").withTag(tag), manifest);
        }

        // when
        List<String> tags = client.tags(repo("list/busybox"));

        // then
        assertThat(tags).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(registry.skopeo().tags("list/busybox")).containsExactlyInAnyOrderElementsOf(tags);
    }

    @Test
    void followsLinkHeadersPageByPage() {
        // given: distribution 2.8 ignores n for tags, so the pages are canned
        String path = "/v2/paged/app/tags/list";
        proxy.on("GET", path).respond(CannedResponse.status(200).header("Link", "<" + path + "?n=2&last=b>; rel=\"next\"")
                .json("{\"name\":\"paged/app\",\"tags\":[\"a\",\"b\"]}"));
        proxy.on("GET", path).respond(CannedResponse.status(200).header("Link", "<" + path + "?n=2&last=d>; rel=\"next\"")
                .json("{\"name\":\"paged/app\",\"tags\":[\"c\",\"d\"]}"));
        proxy.on("GET", path).respond(CannedResponse.status(200).json("{\"name\":\"paged/app\",\"tags\":[\"e\"]}"));

        // when
        List<String> tags = client.tags(repo("paged/app"), 2);

        // then
        assertThat(tags).containsExactly("a", "b", "c", "d", "e");
        assertThat(proxy.requests()).extracting(ProxiedRequest::target).containsSubsequence(path + "?n=2",
                path + "?n=2&last=b", path + "?n=2&last=d");
    }

    @Test
    void listsTheCatalogPageByPage() {
        client.push(repo("list/second:1"), PushRequest.of(manifest, layout).withMountFrom("list/busybox"));
        proxy.reset();

        assertThat(client.catalog(proxy.host(), 1)).contains("list/busybox", "list/second");
        assertThat(proxy.count("GET", "/v2/_catalog")).isGreaterThan(1);
    }

    @Test
    void deletesAManifestByTagAndABlob() {
        // given
        ImageReference target = repo("list/doomed:1");
        client.push(target, PushRequest.of(manifest, layout));

        // when
        client.deleteManifest(target);
        client.deleteBlob(target, busybox.configDigest());

        // then
        assertThatThrownBy(() -> client.manifest(target.withDigest(busybox.manifestDigest())))
                .isInstanceOf(NotFoundException.class);
        assertThat(client.blobExists(target, busybox.configDigest())).isFalse();
        assertThat(client.blobExists(target, busybox.layerDigest())).isTrue();
    }

    @Test
    void pushesAnIndexAndResolvesItPerPlatform() {
        // given
        Descriptor entry = manifest.descriptor();
        Platform other = Platform.parse("linux/s390x");
        ManifestBytes index = ManifestBytes.of(ImageIndex.of(List.of(entry.withPlatform(Platform.host()),
                entry.withPlatform(other))));
        ImageReference target = repo("list/multi:1");

        // when
        client.push(target, PushRequest.ofIndex(index, List.of(manifest), layout));

        // then
        assertThat(registry.skopeo().rawManifest("list/multi:1")).isEqualTo(index.bytes());
        ResolvedImage resolved = client.resolve(target, Platform.host());
        assertThat(resolved.index()).contains(index);
        assertThat(resolved.manifest().digest()).isEqualTo(busybox.manifestDigest());
        assertThat(client.resolveAll(target)).hasSize(2);
        assertThatThrownBy(() -> client.resolve(target, Platform.parse("windows/amd64")))
                .isInstanceOfSatisfying(PlatformNotFoundException.class,
                        e -> assertThat(e.available()).hasSize(2));
    }
}

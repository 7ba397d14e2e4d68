package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.CannedResponse;
import dev.stevedore.testing.FaultProxy;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.InjectedFault;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.ProxiedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the registry cannot do, or must be made to do wrong, through the fault proxy. */
@ExtendWith(HermeticHome.class)
class FaultIT {
    static final String BLOBS = "/v2/fault/busybox/blobs/.+";
    static final String MANIFESTS = "/v2/fault/busybox/manifests/.+";

    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();
    @RegisterExtension
    static FaultProxy proxy = FaultProxy.inFrontOf(registry);

    static BusyboxImage busybox;
    static LayoutSource layout;
    static Descriptor layer;

    final List<Duration> waits = new CopyOnWriteArrayList<>();
    RegistryClient client = RegistryClient.builder().sleeper(waits::add).build();

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        busybox.pushTo(registry, "fault/busybox:1");
        layout = new LayoutSource(busybox.layoutDir());
        layer = Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, busybox.layerDigest(),
                layout.blob(busybox.layerDigest()).length);
    }

    @AfterEach
    void close() {
        client.close();
    }

    ImageReference ref() {
        return ImageReference.parse(proxy.host() + "/fault/busybox:1");
    }

    @Test
    void sendsNoCredentialsToTheHostABlobIsRedirectedTo() {
        // given: the registry asks for basic auth, and redirects blob downloads to another host
        proxy.on("GET", "/v2/").respond(CannedResponse.status(401).header("WWW-Authenticate", "Basic realm=\"test\""));
        proxy.on("GET", BLOBS).always().redirectToSecondHost();
        client.close();
        client = RegistryClient.builder().credentials(Credentials.basic(proxy.host(), "alice", "s3cret")).build();
        MemorySink sink = new MemorySink();

        // when
        client.pull(ref(), Platform.host(), sink);

        // then
        assertThat(sink.committed.get(busybox.layerDigest())).isEqualTo(layout.blob(busybox.layerDigest()));
        List<ProxiedRequest> redirected = proxy.requests(FaultProxy.Listener.SECOND_HOST);
        assertThat(redirected).hasSize(2).allSatisfy(r -> assertThat(r.headers().firstValue("Authorization")).isEmpty());
        assertThat(proxy.requests(FaultProxy.Listener.PRIMARY)).filteredOn(r -> r.path().matches(BLOBS))
                .allSatisfy(r -> assertThat(r.headers().firstValue("Authorization")).hasValueSatisfying(
                        a -> assertThat(a).startsWith("Basic ")));
    }

    @Test
    void resumesADroppedDownloadWithRangeFromWhatTheTargetHolds() {
        // given
        InjectedFault drop = proxy.on("GET", "/v2/fault/busybox/blobs/" + busybox.layerDigest()).dropAfter(1000);
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        client.close();
        client = RegistryClient.builder().sleeper(waits::add).listener(events::add).build();
        MemorySink sink = new MemorySink();

        // when
        client.pullBlob(ref(), layer, sink);

        // then
        assertThat(drop.hits()).isEqualTo(1);
        assertThat(sink.committed.get(busybox.layerDigest())).isEqualTo(layout.blob(busybox.layerDigest()));
        assertThat(proxy.requests()).last().satisfies(r -> assertThat(r.headers().firstValue("Range"))
                .contains("bytes=1000-"));
        assertThat(waits).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof RegistryEvent.Retrying).singleElement()
                .satisfies(e -> assertThat(((RegistryEvent.Retrying) e).attempt()).isEqualTo(1));
    }

    @Test
    void resumesWhenTheServerDeclaredMoreThanItSent() {
        proxy.on("GET", "/v2/fault/busybox/blobs/" + busybox.layerDigest()).contentLengthOffBy(100);
        MemorySink sink = new MemorySink();

        client.pullBlob(ref(), layer, sink);

        assertThat(sink.committed.get(busybox.layerDigest())).isEqualTo(layout.blob(busybox.layerDigest()));
    }

    @Test
    void waitsAsRetryAfterSaysOn503And429_inSecondsOrAsAnHttpDate() {
        // given
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Clock clock = mock(Clock.class);
        when(clock.instant()).thenReturn(now);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(9).atOffset(ZoneOffset.UTC));
        proxy.on("GET", MANIFESTS).respond(503, Duration.ofSeconds(7));
        proxy.on("GET", MANIFESTS).respond(CannedResponse.status(429).header("Retry-After", date));
        proxy.on("GET", MANIFESTS).respond(502);
        client.close();
        client = RegistryClient.builder().clock(clock).sleeper(waits::add).build();

        // when
        client.manifest(ref());

        // then
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(9), Duration.ofMillis(2000));
    }

    @Test
    void givesUpOnPersistent429WithTheRetryTime() {
        proxy.on("GET", MANIFESTS).always().respond(429, Duration.ofSeconds(3));

        assertThatThrownBy(() -> client.manifest(ref()))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)))
                .hasMessageContaining("retry after 3 s");
        assertThat(waits).hasSize(4).containsOnly(Duration.ofSeconds(3));
    }

    @Test
    void abortsTheTargetAndCommitsNothingWhenAByteIsFlipped() {
        proxy.on("GET", "/v2/fault/busybox/blobs/" + busybox.layerDigest()).flipByte(100);
        MemorySink sink = new MemorySink();

        assertThatThrownBy(() -> client.pullBlob(ref(), layer, sink))
                .isInstanceOfSatisfying(ContentMismatchException.class,
                        e -> assertThat(e.expected()).isEqualTo(busybox.layerDigest()))
                .hasMessageContaining("Tried to pull blob " + busybox.layerDigest());
        assertThat(sink.committed).isEmpty();
        assertThat(sink.aborted).containsExactly(busybox.layerDigest());
        assertThat(sink.closed.get()).isEqualTo(1);
    }

    @Test
    void cutsABlobLongerThanItsDescriptorAtSizePlusOne() {
        // given: a manifest that lies about the size
        Descriptor small = Descriptor.of(layer.mediaType(), layer.digest(), 4096);
        MemorySink sink = new MemorySink();

        // then
        assertThatThrownBy(() -> client.pullBlob(ref(), small, sink)).isInstanceOf(ContentMismatchException.class);
        assertThat(sink.committed).isEmpty();
        assertThat(sink.largestWrite).isLessThanOrEqualTo(4096);
    }

    @Test
    void firesTheIdleTimeoutOnAStalledBodyAndResumes() {
        // given
        proxy.on("GET", "/v2/fault/busybox/blobs/" + busybox.layerDigest()).stallAfter(2000);
        client.close();
        client = RegistryClient.builder().idleTimeout(Duration.ofSeconds(1)).sleeper(waits::add).build();
        MemorySink sink = new MemorySink();

        // when
        client.pullBlob(ref(), layer, sink);

        // then
        assertThat(sink.committed.get(busybox.layerDigest())).isEqualTo(layout.blob(busybox.layerDigest()));
        assertThat(proxy.requests()).last().satisfies(r -> assertThat(r.headers().firstValue("Range"))
                .contains("bytes=2000-"));
    }

    @Test
    void failsWithTheIdleTimeoutWhenEveryAttemptStalls() {
        proxy.on("GET", "/v2/fault/busybox/blobs/" + busybox.layerDigest()).times(2).stallAfter(0);
        client.close();
        client = RegistryClient.builder().idleTimeout(Duration.ofSeconds(1)).maxAttempts(2).sleeper(waits::add).build();
        MemorySink sink = new MemorySink();

        assertThatThrownBy(() -> client.pullBlob(ref(), layer, sink))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("no data arrived for 1000 ms");
        assertThat(sink.committed).isEmpty();
    }

    @Test
    void refusesAMalformedChallenge() {
        proxy.on("GET", "/v2/").respond(CannedResponse.status(401).header("WWW-Authenticate", "Bearer realm=\"unterminated"));

        assertThatThrownBy(() -> client.manifest(ref()))
                .isInstanceOf(RegistryProtocolException.class)
                .hasMessageContaining("malformed WWW-Authenticate");
    }

    @Test
    void refusesAPlainHttpTokenRealmOffLoopback() {
        proxy.on("GET", "/v2/").respond(CannedResponse.status(401)
                .header("WWW-Authenticate", "Bearer realm=\"http://auth.example.com/token\",service=\"x\""));

        assertThatThrownBy(() -> client.manifest(ref()))
                .isInstanceOf(RegistryProtocolException.class)
                .hasMessageContaining("refusing the plain-HTTP token realm http://auth.example.com/token");
    }

    @Test
    void refusesATokenAnswerOver64KiB() {
        // given: the registry's realm is the proxy itself, which answers with an oversized token
        proxy.on("GET", "/v2/").respond(CannedResponse.status(401)
                .header("WWW-Authenticate", "Bearer realm=\"" + proxy.baseUri() + "token\",service=\"x\""));
        char[] huge = new char[65 * 1024];
        Arrays.fill(huge, 'a');
        proxy.on("GET", "/token").respond(CannedResponse.status(200).json("{\"token\":\"" + new String(huge) + "\"}"));

        assertThatThrownBy(() -> client.manifest(ref()))
                .isInstanceOf(RegistryProtocolException.class)
                .hasMessageContaining("the token answer from " + proxy.host() + " is larger than 65536 bytes");
    }

    @Test
    void stopsARedirectLoopAfterTenHops() {
        InjectedFault loop = proxy.on("GET", MANIFESTS).redirectLoop();

        assertThatThrownBy(() -> client.manifest(ref()))
                .isInstanceOf(RegistryProtocolException.class)
                .hasMessageContaining("more than 10 redirects");
        assertThat(loop.hits()).isEqualTo(11);
    }

    @Test
    void refusesAManifestOverFourMebibytes() {
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        proxy.on("GET", MANIFESTS).respond(CannedResponse.status(200).body(MediaType.OCI_MANIFEST, huge));

        assertThatThrownBy(() -> client.manifest(ref()))
                .isInstanceOf(RegistryProtocolException.class)
                .hasMessageContaining("larger than the limit of 4194304 bytes");
    }

    @Test
    void reportsAnUnknownMediaTypeInsteadOfGuessing() {
        String type = "application/vnd.example.thing.v1+json";
        proxy.on("GET", MANIFESTS).respond(CannedResponse.status(200)
                .body(type, ("{\"schemaVersion\":2,\"mediaType\":\"" + type + "\"}").getBytes()));

        assertThatThrownBy(() -> client.manifest(ref()))
                .isInstanceOfSatisfying(UnsupportedContentException.class, e -> assertThat(e.mediaType()).isEqualTo(type));
    }

    @Test
    void refusesAManifestWhoseDockerContentDigestDiffers() {
        proxy.on("GET", MANIFESTS).responseHeader("Docker-Content-Digest", busybox.layerDigest().toString());

        assertThatThrownBy(() -> client.manifest(ref())).isInstanceOf(ContentMismatchException.class)
                .hasMessageContaining("Docker-Content-Digest");
    }

    @Test
    void validatesTheServersDigestBeforeUsingIt() {
        proxy.on("GET", MANIFESTS).responseHeader("Docker-Content-Digest", "sha256:../../../etc/passwd");

        assertThatThrownBy(() -> client.manifest(ref())).isInstanceOf(RegistryProtocolException.class)
                .hasMessageContaining("invalid Docker-Content-Digest");
    }

    @Test
    void ignoresAnErrorBodyOver64KiB() {
        char[] filler = new char[70 * 1024];
        Arrays.fill(filler, 'x');
        proxy.on("GET", MANIFESTS).respond(CannedResponse.status(404)
                .json("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"" + new String(filler) + "\"}]}"));

        assertThatThrownBy(() -> client.manifest(ref()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.errors()).isEmpty())
                .hasMessageContaining("error body over 65536 bytes ignored");
    }

    @Test
    void checksTheManifestAgainstTheDigestItWasAskedBy() {
        Digest other = busybox.configDigest();
        proxy.on("GET", "/v2/fault/busybox/manifests/" + other).respond(CannedResponse.status(200)
                .body(MediaType.OCI_MANIFEST, layout.blob(busybox.manifestDigest())));

        assertThatThrownBy(() -> client.manifest(ref().withDigest(other)))
                .isInstanceOfSatisfying(ContentMismatchException.class, e -> assertThat(e.expected()).isEqualTo(other));
    }
}

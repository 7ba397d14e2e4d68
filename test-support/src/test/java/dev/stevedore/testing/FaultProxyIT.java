package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The fault proxy forwards a real registry faithfully and applies each scripted fault as documented. */
class FaultProxyIT {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    @RegisterExtension
    static FaultProxy proxy = FaultProxy.inFrontOf(registry);

    private static BusyboxImage image;
    private static byte[] layer;

    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path tmp;

    @BeforeAll
    static void seedTheRegistryDirectly() throws IOException {
        image = BusyboxImage.shared();
        image.pushTo(registry, "busybox:latest");
        layer = Files.readAllBytes(image.blob(image.layerDigest()));
    }

    @Test
    void skopeoPushAndPullPassThroughUnchanged() {
        // given
        Skopeo viaProxy = Skopeo.forRegistry(proxy.host(), Optional.empty(), Optional.empty(), tmp.resolve("skopeo"));

        // when
        viaProxy.push(image.layoutDir(), image.tag(), "through:1");
        viaProxy.pull("through:1", tmp.resolve("pulled"), "1");

        // then
        assertThat(registry.skopeo().inspect("through:1").path("Digest").asText()).isEqualTo(image.manifestDigest().toString());
        assertThat(viaProxy.inspect("through:1").path("Digest").asText()).isEqualTo(image.manifestDigest().toString());
        assertThat(tmp.resolve("pulled").resolve("blobs").resolve(image.layerDigest().blobPath())).hasBinaryContent(layer);
        assertThat(proxy.count("PUT", "/v2/through/manifests/1")).isEqualTo(1);
        assertThat(proxy.count("GET", "/v2/through/blobs/.+")).isPositive();
    }

    @Test
    void chunkedUploadIsForwardedAndLocationPointsBackAtTheProxy() throws Exception {
        // given
        byte[] blob = "a blob uploaded in chunks".getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));

        // when
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri("/v2/chunked/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        URI location = URI.create(started.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> patched = send(HttpRequest.newBuilder(location).method("PATCH",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob))));
        URI next = URI.create(patched.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> committed = send(HttpRequest.newBuilder(URI.create(next + "&digest=" + digest))
                .PUT(HttpRequest.BodyPublishers.noBody()));

        // then
        assertThat(location.toString()).startsWith(proxy.baseUri().toString());
        assertThat(proxy.requests()).anySatisfy(r -> assertThat(r.method()).isEqualTo("PATCH")
                .satisfies(m -> assertThat(r.headers().firstValue("Transfer-Encoding")).contains("chunked")));
        assertThat(committed.statusCode()).as(registry.logs()).isEqualTo(201);
        assertThat(getBytes("/v2/chunked/blobs/" + digest).body()).isEqualTo(blob);
    }

    @Test
    void statusFaultAnswersWithRetryAfterNTimesThenPassesThrough() throws Exception {
        // given
        InjectedFault fault = proxy.on("GET", "/v2/").times(2).respond(503, Duration.ofSeconds(2));

        // when
        HttpResponse<String> first = send(HttpRequest.newBuilder(uri("/v2/")));
        HttpResponse<String> second = send(HttpRequest.newBuilder(uri("/v2/")));
        HttpResponse<String> third = send(HttpRequest.newBuilder(uri("/v2/")));

        // then
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(fault.hits()).isEqualTo(2);
        assertThat(fault.usedUp()).isTrue();
    }

    @Test
    void redirectToSecondHostServesTheSameContentThereAndLogsWhatArrived() throws Exception {
        // given
        proxy.on("GET", "/v2/busybox/blobs/.+").redirectToSecondHost();
        String path = "/v2/busybox/blobs/" + image.layerDigest();

        // when
        HttpResponse<byte[]> redirect = client.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer secret").build(), HttpResponse.BodyHandlers.ofByteArray());
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<byte[]> followed = client.send(HttpRequest.newBuilder(location).header("X-Probe", "crossed").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        // then
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(location).isEqualTo(proxy.secondHostUri().resolve(path));
        assertThat(location.getHost()).isEqualTo("127.0.0.2");
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.body()).isEqualTo(layer);
        assertThat(proxy.requests(FaultProxy.Listener.SECOND_HOST)).singleElement().satisfies(r -> {
            assertThat(r.headers().firstValue("X-Probe")).contains("crossed");
            assertThat(r.headers().firstValue("Authorization")).isEmpty();
        });
        assertThat(proxy.requests(FaultProxy.Listener.PRIMARY)).singleElement().satisfies(
                r -> assertThat(r.headers().firstValue("Authorization")).contains("Bearer secret"));
    }

    @Test
    void redirectLoopKeepsRedirectingWithAHopCounter() throws Exception {
        // given
        InjectedFault loop = proxy.on("GET", "/v2/").redirectLoop();
        URI next = uri("/v2/");

        // when: follow eleven hops by hand
        for (int hop = 1; hop <= 11; hop++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(next));
            assertThat(response.statusCode()).isEqualTo(307);
            next = URI.create(response.headers().firstValue("Location").orElseThrow());
            assertThat(next.getQuery()).isEqualTo("stevedore-hop=" + hop);
        }

        // then
        assertThat(loop.hits()).isEqualTo(11);
        assertThat(loop.usedUp()).isFalse();
    }

    @Test
    void dropAfterClosesTheConnectionOnceSoARangeRequestCanResume() throws Exception {
        // given
        proxy.on("GET", "/v2/busybox/blobs/.+").dropAfter(100);
        String path = "/v2/busybox/blobs/" + image.layerDigest();

        // when
        HttpResponse<InputStream> broken = client.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        byte[] head = readUntilFailure(broken.body());
        HttpResponse<byte[]> rest = client.send(HttpRequest.newBuilder(uri(path)).header("Range", "bytes=100-").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        // then
        assertThat(broken.headers().firstValueAsLong("Content-Length")).hasValue(layer.length);
        assertThat(head).hasSize(100);
        assertThat(rest.statusCode()).isEqualTo(206);
        byte[] whole = new byte[layer.length];
        System.arraycopy(head, 0, whole, 0, 100);
        System.arraycopy(rest.body(), 0, whole, 100, rest.body().length);
        assertThat(whole).isEqualTo(layer);
    }

    @Test
    void flipByteInvertsExactlyOneByteOfTheBody() throws Exception {
        // given
        proxy.on("GET", "/v2/busybox/blobs/.+").flipByte(10);

        // when
        byte[] body = getBytes("/v2/busybox/blobs/" + image.layerDigest()).body();

        // then
        byte[] expected = layer.clone();
        expected[10] = (byte) ~expected[10];
        assertThat(body).isEqualTo(expected);
        assertThat(getBytes("/v2/busybox/blobs/" + image.layerDigest()).body()).isEqualTo(layer);
    }

    @Test
    void contentLengthCanClaimMoreThanIsSent() throws Exception {
        // given
        proxy.on("GET", "/v2/busybox/blobs/.+").contentLengthOffBy(10);

        // when
        RawHttp.Response response = RawHttp.get(proxy.baseUri(), "/v2/busybox/blobs/" + image.layerDigest());

        // then
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(layer.length + 10));
        assertThat(response.body()).isEqualTo(layer);
    }

    @Test
    void contentLengthCanClaimLessThanIsSent() throws Exception {
        // given
        proxy.on("GET", "/v2/busybox/blobs/.+").contentLengthOffBy(-10);

        // when
        RawHttp.Response response = RawHttp.get(proxy.baseUri(), "/v2/busybox/blobs/" + image.layerDigest());

        // then
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(layer.length - 10));
        assertThat(response.body()).isEqualTo(layer);
    }

    @Test
    void responseHeaderLiesAboutTheDigest() throws Exception {
        // given
        String wrong = Digest.parse("sha256:" + "0".repeat(64)).toString();
        proxy.on("HEAD", "/v2/busybox/manifests/latest").responseHeader("Docker-Content-Digest", wrong);
        HttpRequest.Builder head = HttpRequest.newBuilder(uri("/v2/busybox/manifests/latest"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", OCI_MANIFEST);

        // when
        HttpResponse<String> lied = send(head);
        HttpResponse<String> truthful = send(head);

        // then
        assertThat(lied.headers().allValues("Docker-Content-Digest")).containsExactly(wrong);
        assertThat(truthful.headers().firstValue("Docker-Content-Digest")).contains(image.manifestDigest().toString());
    }

    @Test
    void cannedResponseServesAnApiTheRegistryLacks() throws Exception {
        // given
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}";
        proxy.on("GET", "/v2/busybox/referrers/.+").respond(CannedResponse.status(200)
                .body("application/vnd.oci.image.index.v1+json", index.getBytes(StandardCharsets.UTF_8)));

        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v2/busybox/referrers/" + image.manifestDigest())));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.oci.image.index.v1+json");
        assertThat(response.body()).isEqualTo(index);
    }

    @Test
    void cannedResponseCarriesLargeBodiesAndMalformedHeaders() throws Exception {
        // given: a manifest over 4 MiB and a challenge without a realm value
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        proxy.on("GET", "/v2/busybox/manifests/huge").respond(CannedResponse.status(200)
                .body("application/vnd.oci.image.manifest.v1+json", huge));
        proxy.on("GET", "/v2/").respond(CannedResponse.status(401).header("WWW-Authenticate", "Bearer realm=,,service"));

        // when
        HttpResponse<byte[]> manifest = getBytes("/v2/busybox/manifests/huge");
        HttpResponse<String> challenge = send(HttpRequest.newBuilder(uri("/v2/")));

        // then
        assertThat(manifest.body()).hasSize(huge.length);
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=,,service");
    }

    @Test
    void requestLogRecordsMethodTargetAndHeaders() throws Exception {
        // when
        send(HttpRequest.newBuilder(uri("/v2/busybox/tags/list?n=1")).header("X-Probe", "logged"));

        // then
        assertThat(proxy.requests()).singleElement().satisfies(r -> {
            assertThat(r.listener()).isEqualTo(FaultProxy.Listener.PRIMARY);
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.target()).isEqualTo("/v2/busybox/tags/list?n=1");
            assertThat(r.path()).isEqualTo("/v2/busybox/tags/list");
            assertThat(r.headers().firstValue("x-probe")).contains("logged");
        });
        assertThat(proxy.count("GET", "/v2/.+/tags/list")).isEqualTo(1);
        assertThat(proxy.count("HEAD", "/v2/.+/tags/list")).isZero();
    }

    @Test
    void faultsMatchOnlyTheirMethodAndWholePath() throws Exception {
        // given
        InjectedFault fault = proxy.on("GET", "/v2/busybox/manifests/.+").respond(500);

        // when
        int otherPath = send(HttpRequest.newBuilder(uri("/v2/busybox/tags/list"))).statusCode();
        int otherMethod = send(HttpRequest.newBuilder(uri("/v2/busybox/manifests/latest"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", OCI_MANIFEST)).statusCode();
        int matching = send(HttpRequest.newBuilder(uri("/v2/busybox/manifests/latest")).header("Accept", OCI_MANIFEST))
                .statusCode();

        // then
        assertThat(otherPath).isEqualTo(200);
        assertThat(otherMethod).isEqualTo(200);
        assertThat(matching).isEqualTo(500);
        assertThat(fault.hits()).isEqualTo(1);
    }

    @Test
    void answers502WhenTheRegistryIsUnreachable() throws Exception {
        // given
        try (FaultProxy nowhere = FaultProxy.to(URI.create("http://127.0.0.1:" + FreePort.pick() + "/")).start()) {
            // when
            HttpResponse<String> response = send(HttpRequest.newBuilder(nowhere.baseUri().resolve("/v2/")));

            // then
            assertThat(response.statusCode()).isEqualTo(502);
        }
    }

    @Test
    void stallSendsNothingAfterTheGivenBytesUntilCloseEndsIt() throws Exception {
        // given
        FaultProxy stalling = FaultProxy.inFrontOf(registry).start();
        stalling.on("GET", "/v2/busybox/blobs/.+").stallAfter(100);
        RawHttp.Stream stream = RawHttp.open(stalling.baseUri(), "/v2/busybox/blobs/" + image.layerDigest());

        // when
        byte[] first = stream.readBody(100);

        // then: nothing more arrives, however long one waits; close() ends the connection
        assertThat(first).isEqualTo(java.util.Arrays.copyOf(layer, 100));
        assertThat(stream.nothingArrivesWithin(Duration.ofMillis(300))).isTrue();
        stalling.close();
        assertThat(stream.endsWithin(Duration.ofSeconds(10))).isTrue();
        assertThat(threadsNamed(stalling.threadPrefix())).isZero();
        stream.close();
    }

    @Test
    void closeLeavesNoThreadsEvenWithIdleKeepAliveConnections() throws Exception {
        // given
        FaultProxy shortLived = FaultProxy.inFrontOf(registry).start();
        RawHttp.Stream idle = RawHttp.openKeepAlive(shortLived.baseUri(), "/v2/");
        idle.readBody(Integer.parseInt(idle.header("Content-Length")));
        // two accept threads, and one for the idle connection, which waits for its next request
        assertThat(threadsNamed(shortLived.threadPrefix())).isEqualTo(3);

        // when
        shortLived.close();
        shortLived.close();

        // then
        assertThat(threadsNamed(shortLived.threadPrefix())).isZero();
        assertThat(idle.endsWithin(Duration.ofSeconds(10))).isTrue();
        idle.close();
        assertThat(shortLived.isRunning()).isFalse();
        assertThatThrownBy(shortLived::baseUri).isInstanceOf(IllegalStateException.class);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    private static byte[] readUntilFailure(InputStream in) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                got.write(buffer, 0, n);
            }
        } catch (IOException expected) {
            // the connection was dropped
        }
        return got.toByteArray();
    }

    private URI uri(String path) {
        return proxy.baseUri().resolve(path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A TLS fault proxy: HTTPS on both hosts, and a plain-HTTP address for downgrade redirects. */
class FaultProxyTlsIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    @RegisterExtension
    static FaultProxy proxy = FaultProxy.inFrontOf(registry).withTls();

    private HttpClient client() {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).version(HttpClient.Version.HTTP_1_1)
                .sslContext(proxy.trust().orElseThrow().sslContext()).build();
    }

    @Test
    void servesHttpsOnBothLoopbackHosts() throws Exception {
        // when
        HttpResponse<String> primary = client().send(HttpRequest.newBuilder(proxy.baseUri().resolve("/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = client().send(HttpRequest.newBuilder(proxy.secondHostUri().resolve("/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(proxy.baseUri().getScheme()).isEqualTo("https");
        assertThat(primary.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
    }

    @Test
    void downgradeRedirectPointsAtPlainHttp() throws Exception {
        // given
        proxy.on("GET", "/v2/").redirectToPlainHttp();

        // when
        HttpResponse<String> redirect = client().send(HttpRequest.newBuilder(proxy.baseUri().resolve("/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> followed = client().send(HttpRequest.newBuilder(location).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(location).isEqualTo(proxy.plainHttpUri().resolve("/v2/"));
        assertThat(location.getScheme()).isEqualTo("http");
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(proxy.requests(FaultProxy.Listener.PLAIN_HTTP)).hasSize(1);
    }

    @Test
    void forwardsToATlsRegistryWithItsTrust() throws Exception {
        try (LocalRegistry tlsRegistry = LocalRegistry.tls().start();
                FaultProxy front = FaultProxy.inFrontOf(tlsRegistry).start()) {
            // when
            HttpResponse<String> response = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                    .send(HttpRequest.newBuilder(front.baseUri().resolve("/v2/")).build(), HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }
}

package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStoreException;
import java.util.Collections;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The TLS variant serves HTTPS that clients trust only through the exposed test CA. */
class TlsRegistryIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.tls();

    @TempDir
    Path tmp;

    @Test
    void clientWithTheExposedSslContextGets200() throws Exception {
        // given
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .sslContext(registry.trust().orElseThrow().sslContext()).build();

        // when
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(registry.baseUri().getScheme()).isEqualTo("https");
        assertThat(response.statusCode()).as(registry.logs()).isEqualTo(200);
    }

    @Test
    void certificateAlsoNamesLocalhost() throws Exception {
        // given
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .sslContext(registry.trust().orElseThrow().sslContext()).build();

        // when
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + registry.port() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void clientWithoutTheTestCaFailsTheHandshake() {
        // given
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

        // when
        Throwable thrown = catchThrowable(() -> client.send(
                HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build(), HttpResponse.BodyHandlers.ofString()));

        // then
        assertThat(thrown).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void trustStoreHoldsOnlyTheTestCa() throws KeyStoreException {
        // when
        TlsTrust trust = registry.trust().orElseThrow();

        // then
        assertThat(Collections.list(trust.trustStore().aliases())).containsExactly(TlsTrust.CA_ALIAS);
        assertThat(trust.caCertificate()).isRegularFile().content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(trust.certDirectory().resolve("ca.crt")).hasSameBinaryContentAs(trust.caCertificate());
    }

    @Test
    void skopeoPushesThroughTheCertDirectoryWithVerification() {
        // given
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));

        // when
        String pushed = image.pushTo(registry, "busybox:tls");

        // then
        assertThat(pushed).isEqualTo(registry.host() + "/busybox:tls");
        assertThat(registry.skopeo().inspect("busybox:tls").path("Digest").asText()).isEqualTo(image.manifestDigest().toString());
    }
}

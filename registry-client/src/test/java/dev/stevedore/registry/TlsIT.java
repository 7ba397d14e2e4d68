package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.TlsTrust;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A registry over HTTPS with a test CA: verified by default, trusted when configured. */
@ExtendWith(HermeticHome.class)
class TlsIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.tls();

    static ImageReference ref;

    @BeforeAll
    static void seed() {
        ref = ImageReference.parse(BusyboxImage.shared().pushTo(registry, "tls/busybox:1"));
    }

    @Test
    void pullsOverHttpsWithTheTestCaFromAPemFile() {
        TlsTrust trust = registry.trust().orElseThrow();
        try (RegistryClient client = RegistryClient.builder().trust(trust.caCertificate()).build()) {
            MemorySink sink = new MemorySink();

            client.pull(ref, Platform.host(), sink);

            assertThat(sink.committed).hasSize(2);
        }
    }

    @Test
    void pullsOverHttpsWithTheTestCaFromAKeyStore() {
        try (RegistryClient client = RegistryClient.builder().trust(registry.trust().orElseThrow().trustStore()).build()) {
            assertThat(client.manifest(ref).digest()).isEqualTo(BusyboxImage.shared().manifestDigest());
        }
    }

    @Test
    void verifiesCertificatesByDefaultEvenOnLoopback() {
        try (RegistryClient client = RegistryClient.builder().build()) {
            assertThatThrownBy(() -> client.manifest(ref))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("SSLHandshakeException")
                    .hasMessageContaining("over plain HTTP");
        }
    }

    @Test
    void skipsVerificationForARegistryMarkedInsecure() {
        try (RegistryClient client = RegistryClient.builder().insecure(registry.host()).build()) {
            assertThat(client.manifest(ref).digest()).isEqualTo(BusyboxImage.shared().manifestDigest());
        }
    }
}

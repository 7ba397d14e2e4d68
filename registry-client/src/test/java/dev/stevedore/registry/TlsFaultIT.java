package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.FaultProxy;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A TLS front whose redirects try to downgrade to plain HTTP. */
@ExtendWith(HermeticHome.class)
class TlsFaultIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();
    @RegisterExtension
    static FaultProxy proxy = FaultProxy.inFrontOf(registry).withTls();

    @BeforeAll
    static void seed() {
        BusyboxImage.shared().pushTo(registry, "down/busybox:1");
    }

    @Test
    void refusesARedirectFromHttpsToHttp() {
        proxy.on("GET", "/v2/down/busybox/blobs/.+").redirectToPlainHttp();
        try (RegistryClient client = RegistryClient.builder().trust(proxy.trust().orElseThrow().trustStore()).build()) {
            ImageReference ref = ImageReference.parse(proxy.host() + "/down/busybox:1");

            assertThatThrownBy(() -> client.pull(ref, Platform.host(), new MemorySink()))
                    .isInstanceOf(RegistryProtocolException.class)
                    .hasMessageContaining("refused a redirect from https to plain http");
        }
    }
}

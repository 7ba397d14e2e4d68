package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.ImageReference;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.RegistryCredentials;
import dev.stevedore.testing.TokenRequest;
import dev.stevedore.testing.TokenServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A token server that only speaks the GET form: the client's OAuth2 POST is refused and it falls back. */
@ExtendWith(HermeticHome.class)
class TokenGetFallbackIT {
    @RegisterExtension
    static TokenServer tokens = TokenServer.builder().oauth2(false).anonymousPull(false).build();
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.tokenAuth(tokens);

    @Test
    void fallsBackToGetWithBasicAuthWhenThePostIsRefused() {
        // given
        ImageReference ref = ImageReference.parse(BusyboxImage.shared().pushTo(registry, "get/busybox:1"));
        tokens.reset();
        RegistryCredentials user = tokens.credentials();
        try (RegistryClient client = RegistryClient.builder()
                .credentials(Credentials.basic(registry.host(), user.username(), user.password())).build()) {
            // when
            client.manifest(ref);

            // then
            List<TokenRequest> requests = tokens.requests();
            assertThat(requests).extracting(TokenRequest::method, TokenRequest::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", 404),
                            org.assertj.core.groups.Tuple.tuple("GET", 200));
            assertThat(requests.get(1).username()).contains(user.username());
            assertThat(requests.get(1).scopes()).containsExactly("repository:get/busybox:pull");
        }
    }
}

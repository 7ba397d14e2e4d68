package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.RegistryCredentials;
import dev.stevedore.testing.TokenRequest;
import dev.stevedore.testing.TokenServer;
import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistryClient#checkLogin} against the real docker-registry: htpasswd, token auth and open. */
@ExtendWith(HermeticHome.class)
class CheckLoginIT {
    static final RegistryCredentials USER = RegistryCredentials.of("ci", "login-pa55-word");

    static RegistryClient client(String registry, String username, String password) {
        return RegistryClient.builder().credentials(Credentials.basic(registry, username, password)).build();
    }

    @Nested
    class Htpasswd {
        @RegisterExtension
        final LocalRegistry registry = LocalRegistry.htpasswd(USER);

        @Test
        void acceptsTheRightPasswordAndReturnsTheUrlChecked() {
            try (RegistryClient client = client(registry.host(), USER.username(), USER.password())) {
                URI checked = client.checkLogin(registry.host());

                assertThat(checked).isEqualTo(URI.create("http://" + registry.host() + "/v2/"));
            }
        }

        @Test
        void refusesAWrongPasswordWith401NamingTheUrl() {
            try (RegistryClient client = client(registry.host(), USER.username(), "not-it")) {
                assertThatThrownBy(() -> client.checkLogin(registry.host()))
                        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                            assertThat(e.status()).isEqualTo(401);
                            assertThat(e.reference()).isEqualTo("http://" + registry.host() + "/v2/");
                        })
                        .hasMessageStartingWith("Tried to log in to http://" + registry.host() + "/v2/ but failed")
                        .hasMessageNotContaining("not-it");
            }
        }

        @Test
        void refusesNoCredentialsAtAll() {
            try (RegistryClient client = RegistryClient.builder().build()) {
                assertThatThrownBy(() -> client.checkLogin(registry.host()))
                        .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.status()).isEqualTo(401));
            }
        }
    }

    @Nested
    class Token {
        @RegisterExtension
        final TokenServer tokens = TokenServer.builder().user(USER).build();
        @RegisterExtension
        final LocalRegistry registry = LocalRegistry.tokenAuth(tokens);

        @Test
        void getsAScopelessTokenWithTheRightPassword() {
            try (RegistryClient client = client(registry.host(), USER.username(), USER.password())) {
                URI checked = client.checkLogin(registry.host());

                assertThat(checked).isEqualTo(URI.create("http://" + registry.host() + "/v2/"));
                assertThat(tokens.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.scopes()).isEmpty());
                assertThat(tokens.requests()).extracting(TokenRequest::status).contains(200);
            }
        }

        @Test
        void refusesAWrongPasswordAtTheTokenServer() {
            try (RegistryClient client = client(registry.host(), USER.username(), "not-it")) {
                assertThatThrownBy(() -> client.checkLogin(registry.host()))
                        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                            // the OAuth2 password grant answers 400 invalid_grant (RFC 6749 5.2)
                            assertThat(e.status()).isEqualTo(400);
                            assertThat(e.reference()).isEqualTo("http://" + registry.host() + "/v2/");
                        })
                        .hasMessageContaining("from the token server of " + registry.host())
                        .hasMessageNotContaining("not-it");
                assertThat(tokens.requests()).isNotEmpty().noneMatch(r -> r.status() == 200);
            }
        }
    }

    @Nested
    class Open {
        @RegisterExtension
        final LocalRegistry registry = LocalRegistry.anonymous();

        @Test
        void passesWithoutCredentials() {
            try (RegistryClient client = RegistryClient.builder().build()) {
                assertThat(client.checkLogin(registry.host())).hasPath("/v2/");
            }
        }

        @Test
        void reportsAnUnreachableRegistry() {
            try (RegistryClient client = RegistryClient.builder().build()) {
                String closed = "127.0.0.1:" + registry.port();
                registry.close();

                assertThatThrownBy(() -> client.checkLogin(closed))
                        .isInstanceOf(RegistryUnavailableException.class)
                        .hasMessageContaining("log in to " + closed);
            }
        }
    }
}

package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.RegistryCredentials;
import dev.stevedore.testing.TokenRequest;
import dev.stevedore.testing.TokenServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bearer token flow against the real docker-registry, which validates the real tokens. */
@ExtendWith(HermeticHome.class)
class TokenAuthIT {
    static final RegistryCredentials READER = RegistryCredentials.of("reader", "reader-password-1");

    @RegisterExtension
    static TokenServer tokens = TokenServer.builder().user(RegistryCredentials.random()).user(READER, "pull").build();
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.tokenAuth(tokens);

    static BusyboxImage busybox;
    static ImageReference ref;

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        ref = ImageReference.parse(busybox.pushTo(registry, "tok/busybox:1"));
    }

    Credentials admin() {
        RegistryCredentials c = tokens.credentials();
        return Credentials.basic(registry.host(), c.username(), c.password());
    }

    @Test
    void pullsAnonymouslyWithOneCachedTokenPerScope() {
        try (RegistryClient client = RegistryClient.builder().build()) {
            // when
            client.manifest(ref);
            client.pull(ref, Platform.host(), new MemorySink());

            // then
            assertThat(tokens.count("GET", "repository:tok/busybox:pull")).isEqualTo(1);
            assertThat(tokens.requests()).allSatisfy(r -> assertThat(r.authorization()).isEmpty());
        }
    }

    @Test
    void upgradesThePullTokenToPushWithThePasswordGrant() {
        try (RegistryClient client = RegistryClient.builder().credentials(admin()).build()) {
            // given
            ManifestBytes manifest = client.manifest(ref);
            LayoutSource layout = new LayoutSource(busybox.layoutDir());

            // when
            client.push(ref.withTag("2"), PushRequest.of(manifest, layout).withMountFrom("tok/busybox"));

            // then
            assertThat(tokens.count("POST", "repository:tok/busybox:pull")).isEqualTo(1);
            assertThat(tokens.count("POST", "repository:tok/busybox:pull,push")).isEqualTo(1);
            assertThat(tokens.requests()).allSatisfy(r -> assertThat(r.grantType()).contains("password"));
            assertThat(registry.skopeo().inspect("tok/busybox:2").path("Digest").asText())
                    .isEqualTo(busybox.manifestDigest().toString());
        }
    }

    @Test
    void asksForTheSourceRepositoryToo_whenMountingAcrossRepositories() {
        try (RegistryClient client = RegistryClient.builder().credentials(admin()).build()) {
            ManifestBytes manifest = client.manifest(ref);

            client.push(ImageReference.parse(registry.reference("tok/other:1")),
                    PushRequest.of(manifest, new LayoutSource(busybox.layoutDir())).withMountFrom("tok/busybox"));

            assertThat(tokens.requests()).anySatisfy(r -> assertThat(r.scopes())
                    .contains("repository:tok/other:pull,push", "repository:tok/busybox:pull"));
        }
    }

    @Test
    void usesAnIdentityTokenWithTheRefreshTokenGrant() throws Exception {
        // given: docker login stored an identity token
        String refreshToken = refreshTokenFor(READER);
        Credentials identity = Credentials.of(Map.of(registry.host(), Credential.identityToken(refreshToken)));

        try (RegistryClient client = RegistryClient.builder().credentials(identity).build()) {
            // when
            client.manifest(ref);

            // then
            TokenRequest last = tokens.requests().get(tokens.requests().size() - 1);
            assertThat(last.grantType()).contains("refresh_token");
            assertThat(last.username()).contains("reader");
        }
    }

    @Test
    void refusesPushWithAPullOnlyUser_namingTheScope() {
        Credentials reader = Credentials.basic(registry.host(), READER.username(), READER.password());
        try (RegistryClient client = RegistryClient.builder().credentials(reader).build()) {
            ManifestBytes manifest = client.manifest(ref);

            assertThatThrownBy(() -> client.push(ImageReference.parse(registry.reference("tok/denied:1")),
                    PushRequest.of(manifest, new LayoutSource(busybox.layoutDir()))))
                    .isInstanceOfSatisfying(UnauthorizedException.class,
                            e -> assertThat(e.scope()).contains("repository:tok/denied:pull,push"))
                    .hasMessageContaining("Tried to push blob")
                    .hasMessageNotContaining(READER.password());
        }
    }

    @Test
    void reportsWrongPasswordsWithoutTheSecret() {
        Credentials wrong = Credentials.basic(registry.host(), READER.username(), "not-the-secret-42");
        try (RegistryClient client = RegistryClient.builder().credentials(wrong).build()) {
            assertThatThrownBy(() -> client.manifest(ref))
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("token server")
                    .hasMessageNotContaining("not-the-secret-42");
        }
    }

    @Test
    void fetchesANewTokenOnceTheCachedOneExpired() {
        // given: a clock the test moves
        Clock clock = mock(Clock.class);
        Instant start = Instant.now();
        when(clock.instant()).thenReturn(start);
        try (RegistryClient client = RegistryClient.builder().clock(clock).build()) {
            client.manifest(ref);
            client.manifest(ref);
            assertThat(tokens.count("GET", "repository:tok/busybox:pull")).isEqualTo(1);

            // when
            when(clock.instant()).thenReturn(start.plus(TokenServer.DEFAULT_EXPIRES_IN).plus(Duration.ofSeconds(1)));
            client.manifest(ref);

            // then
            assertThat(tokens.count("GET", "repository:tok/busybox:pull")).isEqualTo(2);
        }
    }

    @Test
    void fetchesANewTokenWhenTheRegistryRejectsTheCachedOne() {
        try (RegistryClient client = RegistryClient.builder().build()) {
            // given: tokens issued by a clock ten minutes behind, which the registry finds expired
            tokens.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
            assertThatThrownBy(() -> client.manifest(ref)).isInstanceOf(UnauthorizedException.class);
            assertThat(tokens.count("GET", "repository:tok/busybox:pull")).isEqualTo(2);

            // when: the token server is fixed, but the client still holds a token it thinks valid
            tokens.clock(Clock.systemUTC());
            client.manifest(ref);

            // then: the 401 made it fetch a fresh one
            assertThat(tokens.count("GET", "repository:tok/busybox:pull")).isEqualTo(3);
        }
    }

    @Test
    void retriesATokenServerThatFailsForAMoment() {
        java.util.List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        tokens.failNext(2, 503);
        try (RegistryClient client = RegistryClient.builder().sleeper(waits::add).build()) {
            client.manifest(ref);

            assertThat(waits).hasSize(2);
            assertThat(tokens.requests()).extracting(TokenRequest::status).containsExactly(503, 503, 200);
        }
    }

    /** What docker login does with an OAuth2 server: a password grant with access_type=offline. */
    private static String refreshTokenFor(RegistryCredentials user) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=password&client_id=test&access_type=offline&service=" + tokens.service()
                + "&username=" + user.username() + "&password=" + user.password();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokens.realm())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        int start = body.indexOf("\"refresh_token\":\"") + 17;
        return body.substring(start, body.indexOf('"', start));
    }
}

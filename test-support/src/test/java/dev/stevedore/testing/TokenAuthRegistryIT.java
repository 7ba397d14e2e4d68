package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real docker-registry with token auth accepts exactly the tokens the TokenServer signs. */
class TokenAuthRegistryIT {
    private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static TokenServer tokens = TokenServer.create();

    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.tokenAuth(tokens);

    private static BusyboxImage image;

    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @TempDir
    Path tmp;

    @BeforeAll
    static void seedWithSkopeo() {
        image = BusyboxImage.shared();
        image.pushTo(registry, "busybox:latest");
    }

    @Test
    void pullWithoutATokenIsChallengedForOne() throws Exception {
        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(manifestUri()).header("Accept", MANIFEST_TYPES));

        // then
        assertThat(response.statusCode()).as(registry.logs()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"" + tokens.realm()
                + "\",service=\"" + tokens.service() + "\",scope=\"repository:busybox:pull\"");
    }

    @Test
    void anonymousPullTokenFetchesTheManifest() throws Exception {
        // given
        String token = getToken("repository:busybox:pull", null);

        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(manifestUri()).header("Accept", MANIFEST_TYPES)
                .header("Authorization", "Bearer " + token));

        // then
        assertThat(response.statusCode()).as(registry.logs()).isEqualTo(200);
        assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(image.manifestDigest().toString());
    }

    @Test
    void pullOnlyTokenIsDeniedOnPush() throws Exception {
        // given: anonymous asks for push too, and gets pull only
        String token = getToken("repository:busybox:pull,push", null);

        // when
        HttpResponse<String> response = send(startUpload("busybox").header("Authorization", "Bearer " + token));

        // then
        assertThat(response.statusCode()).as(registry.logs()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .containsPattern("scope=\"repository:busybox:(pull,push|push,pull)\"") // Go map order
                .contains("error=\"insufficient_scope\""));
    }

    @Test
    void pushTokenOfAnAuthenticatedUserStartsAnUpload() throws Exception {
        // given
        String token = getToken("repository:busybox:pull,push", tokens.credentials());

        // when
        HttpResponse<String> response = send(startUpload("busybox").header("Authorization", "Bearer " + token));

        // then
        assertThat(response.statusCode()).as(registry.logs()).isEqualTo(202);
    }

    @Test
    void oauth2PasswordGrantTokenPushesAndItsRefreshTokenPulls() throws Exception {
        // given
        RegistryCredentials user = tokens.credentials();
        HttpResponse<String> password = post("grant_type=password&client_id=stevedore-test&access_type=offline"
                + "&service=" + tokens.service() + "&username=" + user.username() + "&password=" + user.password()
                + "&scope=repository:oauth:pull,push");
        JsonNode granted = JSON.readTree(password.body());
        HttpResponse<String> refreshed = post("grant_type=refresh_token&client_id=stevedore-test&service="
                + tokens.service() + "&refresh_token=" + granted.path("refresh_token").asText()
                + "&scope=repository:busybox:pull");

        // when
        HttpResponse<String> upload = send(startUpload("oauth")
                .header("Authorization", "Bearer " + granted.path("access_token").asText()));
        HttpResponse<String> pull = send(HttpRequest.newBuilder(manifestUri()).header("Accept", MANIFEST_TYPES)
                .header("Authorization", "Bearer " + JSON.readTree(refreshed.body()).path("access_token").asText()));

        // then
        assertThat(upload.statusCode()).as(registry.logs()).isEqualTo(202);
        assertThat(pull.statusCode()).as(registry.logs()).isEqualTo(200);
    }

    @Test
    void skopeoPushesAndPullsThroughTheTokenFlow() {
        // when
        image.pushTo(registry, "copy:1");
        registry.skopeo().pull("copy:1", tmp.resolve("pulled"), "1");

        // then
        assertThat(registry.skopeo().inspect("copy:1").path("Digest").asText()).isEqualTo(image.manifestDigest().toString());
        assertThat(tokens.requests()).anySatisfy(r -> assertThat(r.granted()).contains("repository:copy:pull,push"));
        assertThat(tokens.lastAuthorization()).contains(tokens.credentials().basicAuthorization());
    }

    @Test
    void tokenSignedByAnotherKeyIsRejected() throws Exception {
        // given: a server with the same service and issuer but its own keys
        try (TokenServer foreign = TokenServer.create().start()) {
            String token = foreign.issueToken("stevedore", "repository:busybox:pull");

            // when
            HttpResponse<String> response = send(HttpRequest.newBuilder(manifestUri()).header("Accept", MANIFEST_TYPES)
                    .header("Authorization", "Bearer " + token));

            // then
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
        }
    }

    @Test
    void tokenIssuedMoreThanTheLeewayAgoIsRejectedAsExpired() throws Exception {
        // given: distribution allows 60 s of clock skew past exp
        tokens.expiresIn(Duration.ofSeconds(1));
        tokens.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2)));
        String token = getToken("repository:busybox:pull", null);

        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(manifestUri()).header("Accept", MANIFEST_TYPES)
                .header("Authorization", "Bearer " + token));

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"X5C, ES256", "X5C, RS256", "KID, ES256", "KID, RS256"})
    void registryVerifiesEveryKeyHeaderAndAlgorithm(TokenServer.KeyHeader header, TokenServer.Algorithm algorithm)
            throws Exception {
        // given
        TokenServer variant = TokenServer.builder().keyHeader(header).algorithm(algorithm).build();
        try (LocalRegistry other = LocalRegistry.tokenAuth(variant).start()) {
            String token = variant.issueToken("", "repository:busybox:pull");
            URI ping = other.baseUri().resolve("/v2/");

            // when
            HttpResponse<String> withToken = send(HttpRequest.newBuilder(ping).header("Authorization", "Bearer " + token));
            HttpResponse<String> without = send(HttpRequest.newBuilder(ping));

            // then
            assertThat(withToken.statusCode()).as(other.logs()).isEqualTo(200);
            assertThat(without.statusCode()).isEqualTo(401);
        }
        assertThat(variant.isRunning()).as("the registry stops the token server it started").isFalse();
    }

    private String getToken(String scope, RegistryCredentials credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokens.realm() + "?service="
                + tokens.service() + "&scope=" + scope));
        if (credentials != null) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        return answer.path("token").asText();
    }

    private HttpResponse<String> post(String form) throws Exception {
        return send(HttpRequest.newBuilder(tokens.realm()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpRequest.Builder startUpload(String repository) {
        return HttpRequest.newBuilder(registry.baseUri().resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private URI manifestUri() {
        return registry.baseUri().resolve("/v2/busybox/manifests/latest");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token server's HTTP behaviour and token contents, without a registry. */
class TokenServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RegistryCredentials ALICE = RegistryCredentials.of("alice", "alice-pw");
    private static final RegistryCredentials READER = RegistryCredentials.of("reader", "reader-pw");

    @RegisterExtension
    static TokenServer tokens = TokenServer.builder().user(ALICE).user(READER, "pull").build();

    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void anonymousGetIsGrantedPullOnly() throws Exception {
        // when
        HttpResponse<String> response = get("scope=repository:app:pull,push", null);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("token").asText()).isEqualTo(answer.path("access_token").asText());
        assertThat(answer.path("expires_in").asLong()).isEqualTo(TokenServer.DEFAULT_EXPIRES_IN.toSeconds());
        assertThat(Instant.parse(answer.path("issued_at").asText())).isBeforeOrEqualTo(Instant.now());
        JsonNode claims = claims(answer.path("token").asText());
        assertThat(claims.path("sub").asText()).isEmpty();
        assertThat(claims.path("access").toString())
                .isEqualTo("[{\"type\":\"repository\",\"name\":\"app\",\"actions\":[\"pull\"]}]");
        assertThat(tokens.requests()).singleElement().satisfies(r -> {
            assertThat(r.granted()).containsExactly("repository:app:pull");
            assertThat(r.username()).isEmpty();
        });
    }

    @Test
    void tokenCarriesTheClaimsDistributionChecks() throws Exception {
        // when
        String token = JSON.readTree(get("scope=repository:app:pull", ALICE).body()).path("token").asText();

        // then
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(header.path("alg").asText()).isEqualTo("ES256");
        assertThat(header.path("x5c")).hasSize(1);
        JsonNode claims = claims(token);
        assertThat(claims.path("iss").asText()).isEqualTo(TokenServer.DEFAULT_ISSUER);
        assertThat(claims.path("aud").isTextual()).as("distribution 2.8 reads aud as a string").isTrue();
        assertThat(claims.path("aud").asText()).isEqualTo(TokenServer.DEFAULT_SERVICE);
        assertThat(claims.path("sub").asText()).isEqualTo("alice");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(claims.path("nbf").asLong()).isEqualTo(claims.path("iat").asLong());
        assertThat(claims.path("jti").asText()).isNotEmpty();
        assertThat(token.split("\\.")[2]).hasSize(86); // 64 bytes r||s, base64url
    }

    @Test
    void deniedScopesAreDroppedRatherThanRefused() throws Exception {
        // when: reader may pull but not push; the catalog needs *
        HttpResponse<String> response = get("scope=repository:a:pull,push&scope=repository:b:push"
                + "&scope=registry:catalog:*", READER);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tokens.requests()).singleElement().satisfies(r -> {
            assertThat(r.scopes()).containsExactly("repository:a:pull,push", "repository:b:push", "registry:catalog:*");
            assertThat(r.granted()).containsExactly("repository:a:pull");
            assertThat(r.username()).contains("reader");
        });
    }

    @Test
    void fullUserGetsPushDeleteAndCatalog() throws Exception {
        // when
        get("scope=repository:a:pull,push,delete&scope=registry:catalog:*", ALICE);

        // then
        assertThat(tokens.requests()).singleElement().satisfies(r -> assertThat(r.granted())
                .containsExactly("repository:a:delete,pull,push", "registry:catalog:*"));
    }

    @Test
    void wrongPasswordIsA401WithABasicChallenge() throws Exception {
        // when
        HttpResponse<String> response = get("scope=repository:a:pull", RegistryCredentials.of("alice", "wrong"));

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm="));
    }

    @Test
    void anonymousRequestsCanBeRefused() throws Exception {
        try (TokenServer closed = TokenServer.builder().anonymousPull(false).build().start()) {
            // when
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(closed.realm()
                    + "?service=" + closed.service() + "&scope=repository:a:pull")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aForeignServiceIsRefused() throws Exception {
        // when
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(tokens.realm()
                + "?service=elsewhere&scope=repository:a:pull")).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void passwordGrantWithOfflineAccessReturnsARefreshToken() throws Exception {
        // when
        HttpResponse<String> response = post("grant_type=password&username=alice&password=alice-pw&client_id=test"
                + "&access_type=offline&service=" + TokenServer.DEFAULT_SERVICE + "&scope=" + encode("repository:a:pull,push"));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("refresh_token").asText()).isNotEmpty();
        assertThat(answer.path("scope").asText()).isEqualTo("repository:a:pull,push");
        assertThat(claims(answer.path("access_token").asText()).path("sub").asText()).isEqualTo("alice");
        assertThat(tokens.count("POST", "repository:a:pull,push")).isEqualTo(1);
        assertThat(tokens.requests()).singleElement().satisfies(r -> assertThat(r.grantType()).contains("password"));
    }

    @Test
    void passwordGrantWithoutOfflineAccessHasNoRefreshToken() throws Exception {
        // when
        JsonNode answer = JSON.readTree(post("grant_type=password&username=alice&password=alice-pw&client_id=test").body());

        // then
        assertThat(answer.has("refresh_token")).isFalse();
        assertThat(answer.path("access_token").asText()).isNotEmpty();
    }

    @Test
    void refreshTokenGrantIssuesTokensForOtherScopes() throws Exception {
        // given
        String refresh = JSON.readTree(post("grant_type=password&username=reader&password=reader-pw&client_id=test"
                + "&access_type=offline").body()).path("refresh_token").asText();

        // when
        HttpResponse<String> response = post("grant_type=refresh_token&client_id=test&refresh_token=" + refresh
                + "&scope=" + encode("repository:b:pull,push"));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("refresh_token").asText()).isEqualTo(refresh);
        assertThat(answer.path("scope").asText()).isEqualTo("repository:b:pull");
        assertThat(claims(answer.path("access_token").asText()).path("sub").asText()).isEqualTo("reader");
    }

    @Test
    void oauth2ErrorsAreInvalidGrantOrInvalidRequest() throws Exception {
        // when
        HttpResponse<String> wrongPassword = post("grant_type=password&username=alice&password=no&client_id=test");
        HttpResponse<String> unknownRefresh = post("grant_type=refresh_token&refresh_token=nope&client_id=test");
        HttpResponse<String> noClientId = post("grant_type=password&username=alice&password=alice-pw");
        HttpResponse<String> otherGrant = post("grant_type=client_credentials&client_id=test");

        // then
        assertThat(List.of(wrongPassword.statusCode(), unknownRefresh.statusCode(), noClientId.statusCode(),
                otherGrant.statusCode())).containsOnly(400);
        assertThat(JSON.readTree(wrongPassword.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(JSON.readTree(unknownRefresh.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(JSON.readTree(noClientId.body()).path("error").asText()).isEqualTo("invalid_request");
        assertThat(JSON.readTree(otherGrant.body()).path("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void serverWithoutOauth2Answers404ToPost() throws Exception {
        try (TokenServer getOnly = TokenServer.builder().oauth2(false).build().start()) {
            // when
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(getOnly.realm())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=x")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void failNextFailsExactlyThatManyRequests() throws Exception {
        // given
        tokens.failNext(2, 500);

        // when
        int first = get("scope=repository:a:pull", null).statusCode();
        int second = get("scope=repository:a:pull", null).statusCode();
        int third = get("scope=repository:a:pull", null).statusCode();

        // then
        assertThat(List.of(first, second, third)).containsExactly(500, 500, 200);
        assertThat(tokens.count("GET", "repository:a:pull")).isEqualTo(3);
    }

    @Test
    void expiresInSetsTheLifetimeOfLaterTokens() throws Exception {
        // given
        tokens.expiresIn(Duration.ofSeconds(1));

        // when
        JsonNode answer = JSON.readTree(get("scope=repository:a:pull", null).body());

        // then
        assertThat(answer.path("expires_in").asLong()).isEqualTo(1);
        JsonNode claims = claims(answer.path("token").asText());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(1);
    }

    @Test
    void lastAuthorizationIsTheHeaderOfTheLastRequest() throws Exception {
        // when
        get("scope=repository:a:pull", ALICE);
        String withCredentials = tokens.lastAuthorization().orElseThrow();
        get("scope=repository:a:pull", null);

        // then
        assertThat(withCredentials).isEqualTo(ALICE.basicAuthorization());
        assertThat(tokens.lastAuthorization()).isEmpty();
        assertThat(tokens.requests().get(0).toString()).doesNotContain(ALICE.basicAuthorization());
    }

    @Test
    void eachTestStartsWithAnEmptyLog() {
        assertThat(tokens.requests()).isEmpty();
        assertThat(tokens.credentials()).isEqualTo(ALICE);
    }

    @Test
    void kidIsTheLibtrustFingerprintOfTheRootKey() throws Exception {
        try (TokenServer kid = TokenServer.builder().keyHeader(TokenServer.KeyHeader.KID).build().start()) {
            // when
            String token = kid.issueToken("", "repository:a:pull");

            // then
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
            String expected = TokenKeys.libtrustKeyId(Pem.certificate(kid.rootCertificate()).getPublicKey());
            assertThat(header.path("kid").asText()).isEqualTo(expected)
                    .matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
            assertThat(header.has("x5c")).isFalse();
        }
    }

    private HttpResponse<String> get(String query, RegistryCredentials credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokens.realm() + "?service="
                + tokens.service() + "&" + query.replace("*", "%2A")));
        if (credentials != null) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String form) throws Exception {
        return client.send(HttpRequest.newBuilder(tokens.realm())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}

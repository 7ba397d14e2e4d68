package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The htpasswd variant demands basic auth, and skopeo pushes with the exposed credentials. */
class HtpasswdRegistryIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.htpasswd();

    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @TempDir
    Path tmp;

    @Test
    void anonymousRequestIsChallengedForBasicAuth() throws Exception {
        // when
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).as(registry.logs()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic").contains(RegistryConfig.REALM));
    }

    @Test
    void exposedCredentialsAreAccepted() throws Exception {
        // given
        RegistryCredentials credentials = registry.credentials().orElseThrow();

        // when
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
                .header("Authorization", credentials.basicAuthorization()).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).as(registry.logs()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        // given
        RegistryCredentials wrong = RegistryCredentials.of(registry.credentials().orElseThrow().username(), "wrong");

        // when
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
                .header("Authorization", wrong.basicAuthorization()).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void skopeoPushesWithTheCredentials() {
        // given
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));

        // when
        image.pushTo(registry, "busybox:auth");

        // then
        assertThat(registry.skopeo().inspect("busybox:auth").path("Digest").asText()).isEqualTo(image.manifestDigest().toString());
    }

    @Test
    void pushFailureCarriesSkopeosStderr() {
        // given
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));

        // when
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> registry.push(image.layoutDir(), "no-such-tag", "busybox:broken"));

        // then
        assertThat(e.stderr()).isNotBlank();
        assertThat(e).hasMessageContaining("skopeo").hasMessageContaining(e.stderr().strip())
                .hasMessageNotContaining(registry.credentials().orElseThrow().password());
    }

    @Test
    void credentialsAreKnownBeforeTheRegistryStarts() {
        // given
        RegistryCredentials alice = RegistryCredentials.of("alice", "s3cret");

        // when
        LocalRegistry unstarted = LocalRegistry.htpasswd(alice);

        // then
        assertThat(unstarted.credentials()).contains(alice);
        assertThat(unstarted.isRunning()).isFalse();
    }
}

package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.RegistryCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP basic auth against the real docker-registry with an htpasswd file. */
@ExtendWith(HermeticHome.class)
class BasicAuthIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.htpasswd();

    static ImageReference ref;

    @BeforeAll
    static void seed() {
        ref = ImageReference.parse(BusyboxImage.shared().pushTo(registry, "basic/busybox:1"));
    }

    @Test
    void pullsWithTheUsersPassword() {
        RegistryCredentials user = registry.credentials().orElseThrow();
        try (RegistryClient client = RegistryClient.builder()
                .credentials(Credentials.basic(registry.host(), user.username(), user.password())).build()) {
            MemorySink sink = new MemorySink();

            client.pull(ref, Platform.host(), sink);

            assertThat(sink.committed).containsKey(BusyboxImage.shared().layerDigest());
        }
    }

    @Test
    void reportsMissingCredentialsAsUnauthorized() {
        try (RegistryClient client = RegistryClient.builder().build()) {
            assertThatThrownBy(() -> client.manifest(ref))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.scope()).isEqualTo("repository:basic/busybox:pull");
                    })
                    .hasMessageStartingWith("Tried to pull manifest " + ref + " but failed because: the registry answered 401");
        }
    }

    @Test
    void neverPutsTheWrongPasswordInTheMessage() {
        String secret = "wrong-secret-1234";
        try (RegistryClient client = RegistryClient.builder()
                .credentials(Credentials.basic(registry.host(), "stevedore", secret)).build()) {
            assertThatThrownBy(() -> client.manifest(ref))
                    .isInstanceOf(UnauthorizedException.class)
                    .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(secret))
                    .hasMessageNotContaining(secret);
        }
    }
}

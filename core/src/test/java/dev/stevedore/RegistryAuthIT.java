package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Credentials (given and from the Docker config) and insecure registries. */
@ExtendWith(HermeticHome.class)
class RegistryAuthIT {
    @RegisterExtension
    static LocalRegistry secured = LocalRegistry.htpasswd();
    @RegisterExtension
    static LocalRegistry tls = LocalRegistry.tls();

    static BusyboxImage busybox;
    static String securedRef;
    static String tlsRef;

    @TempDir
    Path home;

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        securedRef = busybox.pushTo(secured, "auth/busybox:1");
        tlsRef = busybox.pushTo(tls, "tls/busybox:1");
    }

    @Test
    void pullsAndPushesWithGivenCredentials() {
        // given
        RegistryCredentials user = secured.credentials().orElseThrow();
        try (Stevedore engine = Stevedore.builder().home(home).dockerConfig(false)
                .credentials(secured.host(), user.username(), user.password()).build()) {
            // when
            Image image = engine.images().pull(securedRef);
            image.push(secured.reference("auth/copy:1"));

            // then
            assertThat(image.id()).isEqualTo(busybox.configDigest().toString());
            assertThat(secured.skopeo().tags("auth/copy")).containsExactly("1");
        }
    }

    @Test
    void readsCredentialsFromTheDockerConfig(HermeticEnvironment env) throws Exception {
        // given
        RegistryCredentials user = secured.credentials().orElseThrow();
        String auth = Base64.getEncoder().encodeToString((user.username() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(env.dockerConfig());
        Files.writeString(env.dockerConfig().resolve("config.json"),
                "{\"auths\":{\"" + secured.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        try (Stevedore engine = Stevedore.builder().home(home).build()) {
            // when / then
            assertThat(engine.images().pull(securedRef).id()).isEqualTo(busybox.configDigest().toString());
        } finally {
            Files.delete(env.dockerConfig().resolve("config.json"));
        }
    }

    @Test
    void failsClearlyWithoutCredentials() {
        try (Stevedore engine = Stevedore.builder().home(home).dockerConfig(false).build()) {
            assertThatThrownBy(() -> engine.images().pull(securedRef))
                    .isInstanceOf(PullException.class)
                    .hasMessageContaining("Tried to pull " + securedRef + " from " + secured.host());
            assertThat(engine.images().list()).isEmpty();
        }
    }

    @Test
    void pullsFromAnInsecureRegistryOnlyWhenToldSo() {
        try (Stevedore strict = Stevedore.builder().home(home.resolve("strict")).build();
                Stevedore lax = Stevedore.builder().home(home.resolve("lax")).insecureRegistry(tls.host()).build()) {
            assertThatThrownBy(() -> strict.images().pull(tlsRef)).isInstanceOf(PullException.class);
            assertThat(lax.images().pull(tlsRef).id()).isEqualTo(busybox.configDigest().toString());
        }
    }
}

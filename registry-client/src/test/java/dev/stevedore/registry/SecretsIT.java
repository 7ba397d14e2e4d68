package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.Platform;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.RegistryCredentials;
import dev.stevedore.testing.TokenServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Passwords and tokens appear in no log line (the integration tests log at debug), no
 * exception message and no toString, through a whole token-auth pull and a refused push.
 */
@ExtendWith(HermeticHome.class)
class SecretsIT {
    @RegisterExtension
    static TokenServer tokens = TokenServer.create();
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.tokenAuth(tokens);

    @Test
    void neverLogsOrReportsPasswordsOrTokens() {
        // given
        ImageReference ref = ImageReference.parse(BusyboxImage.shared().pushTo(registry, "secret/busybox:1"));
        RegistryCredentials user = tokens.credentials();
        String wrong = "wrong-" + user.password();
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        Throwable refused;
        String clientText;
        try (RegistryClient client = RegistryClient.builder()
                .credentials(Credentials.basic(registry.host(), user.username(), user.password())).build();
                RegistryClient wrongClient = RegistryClient.builder()
                        .credentials(Credentials.basic(registry.host(), user.username(), wrong)).build()) {
            // when
            client.pull(ref, Platform.host(), new MemorySink());
            refused = catchThrowable(() -> wrongClient.manifest(ref));
            clientText = client.toString() + wrongClient;
        } finally {
            System.setErr(original);
        }

        // then
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("debug logging is on and captured").contains("DEBUG");
        String basic = Base64.getEncoder().encodeToString((user.username() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
        String token = tokens.issueToken(user.username(), "repository:secret/busybox:pull");
        String tokenPrefix = token.substring(0, token.indexOf('.') + 1); // header part: same for all tokens
        for (String secret : new String[] {user.password(), wrong, basic}) {
            assertThat(logged).doesNotContain(secret);
            assertThat(clientText).doesNotContain(secret);
            assertThat(stackText(refused)).doesNotContain(secret);
        }
        assertThat(logged).doesNotContain(tokenPrefix);
        assertThat(refused).isInstanceOf(UnauthorizedException.class);
    }

    private static String stackText(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            text.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                text.append(s).append('\n');
            }
        }
        return text.toString();
    }
}

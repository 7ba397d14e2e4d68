package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.Preconditions;
import dev.stevedore.testing.RegistryCredentials;
import dev.stevedore.testing.TokenRequest;
import dev.stevedore.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** login, push with the stored credentials, logout — against the real htpasswd registry. */
@ExtendWith(HermeticHome.class)
class LoginIT {
    @TempDir
    Path temp;

    @Test
    void logsInWithGoodCredentialsPushesAndLogsOut(HermeticEnvironment env) throws Exception {
        // given
        Preconditions.requiresCommand("docker-registry", "docker-registry");
        RegistryCredentials user = RegistryCredentials.of("ci", "pa55-word");
        CliRunner cli = new CliRunner(Files.createTempDirectory(temp, "home-"));
        Path layout = temp.resolve("busybox-layout");
        BusyboxImage.writeTo(layout);
        assertThat(cli.run("load", "-i", layout.toString(), "--name", "busybox").code()).isZero();
        try (LocalRegistry registry = LocalRegistry.htpasswd(user).start()) {
            String server = "127.0.0.1:" + registry.port();

            // when
            CliRunner.Result bad = cli.runWithInput("wrong", "login", "-u", "ci", "--password-stdin", server);
            CliRunner.Result good = cli.runWithInput(user.password() + "\n", "login", "-u", "ci", "--password-stdin",
                    server);
            JsonNode config = new ObjectMapper().readTree(env.dockerConfig().resolve("config.json").toFile());
            CliRunner.Result tag = cli.run("tag", "busybox", server + "/tools/busybox:1");
            CliRunner.Result push = cli.run("push", server + "/tools/busybox:1");
            CliRunner.Result rmi = cli.run("rmi", server + "/tools/busybox:1");
            CliRunner.Result pull = cli.run("pull", server + "/tools/busybox:1");
            CliRunner.Result logout = cli.run("logout", server);
            JsonNode after = new ObjectMapper().readTree(env.dockerConfig().resolve("config.json").toFile());

            // then
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).isEqualTo("stevedore: Error: login attempt to http://" + server
                    + "/v2/ failed with status: 401 Unauthorized\n");
            assertThat(good.code()).as(good.err()).isZero();
            assertThat(good.out()).isEqualTo("Login Succeeded\n");
            assertThat(config.path("auths").path(server).path("auth").asText()).isEqualTo(Base64.getEncoder()
                    .encodeToString(("ci:" + user.password()).getBytes(StandardCharsets.UTF_8)));
            assertThat(tag.code()).isZero();
            assertThat(push.code()).as(push.err()).isZero();
            assertThat(push.out()).startsWith("The push refers to repository [" + server + "/tools/busybox]\n")
                    .containsPattern("[0-9a-f]{12}: Pushed\n").contains("1: digest: sha256:");
            assertThat(rmi.code()).isZero();
            assertThat(pull.code()).as(pull.err()).isZero();
            assertThat(pull.out()).startsWith("1: Pulling from tools/busybox\n")
                    .containsPattern("[0-9a-f]{12}: Already exists\n")
                    .endsWith(server + "/tools/busybox:1\n");
            assertThat(logout.out()).isEqualTo("Removing login credentials for " + server + "\n");
            assertThat(after.path("auths").has(server)).isFalse();
        }
    }

    @Test
    void logsInThroughTheRegistrysTokenServer(HermeticEnvironment env) throws Exception {
        // given
        Preconditions.requiresCommand("docker-registry", "docker-registry");
        RegistryCredentials user = RegistryCredentials.of("ci", "token-pa55");
        CliRunner cli = new CliRunner(Files.createTempDirectory(temp, "home-"));
        try (TokenServer tokens = TokenServer.builder().user(user).build().start();
                LocalRegistry registry = LocalRegistry.tokenAuth(tokens).start()) {
            String server = registry.host();

            // when
            CliRunner.Result bad = cli.runWithInput("wrong", "login", "-u", "ci", "--password-stdin", server);
            CliRunner.Result good = cli.runWithInput(user.password(), "login", "-u", "ci", "--password-stdin", server);

            // then
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).isEqualTo("stevedore: Error: login attempt to http://" + server
                    + "/v2/ failed with status: 400 Bad Request\n");
            assertThat(good.code()).as(good.err()).isZero();
            assertThat(good.out()).isEqualTo("Login Succeeded\n");
            assertThat(tokens.requests()).extracting(TokenRequest::status).containsExactly(400, 200);
        }
    }
}

package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.Preconditions;
import dev.stevedore.testing.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * login and logout through a credential helper named by {@code credsStore} or {@code credHelpers}:
 * a real program (a shell script on the command's {@code PATH}) that records what Docker's
 * protocol hands it; the registry is the real htpasswd one.
 */
@ExtendWith(HermeticHome.class)
class CredentialHelperIT {
    static final RegistryCredentials USER = RegistryCredentials.of("ci", "helper-pa55");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    Path bin;
    CliRunner cli;

    @BeforeEach
    void fakeHelpers() throws Exception {
        Preconditions.requiresCommand("docker-registry", "docker-registry");
        bin = Files.createDirectories(temp.resolve("bin"));
        for (String name : List.of("fake", "other")) {
            Path script = bin.resolve("docker-credential-" + name);
            Files.writeString(script, "#!/bin/sh\n"
                    + "echo \"" + name + " $1\" >> \"$(dirname \"$0\")/calls\"\n"
                    + "cat > \"$(dirname \"$0\")/" + name + "-$1.stdin\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        cli = new CliRunner(Files.createTempDirectory(temp, "home-"))
                .env(Map.of("PATH", bin + ":/usr/local/bin:/usr/bin:/bin"));
    }

    @Test
    void credsStoreGetsTheSecretAndConfigKeepsAnEmptyEntry(HermeticEnvironment env) throws Exception {
        // given
        Path config = env.dockerConfig().resolve("config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"credsStore\":\"fake\",\"psFormat\":\"{{.ID}}\"}");
        try (LocalRegistry registry = LocalRegistry.htpasswd(USER).start()) {
            String server = registry.host();

            // when
            CliRunner.Result login = cli.runWithInput(USER.password(), "login", "-u", USER.username(),
                    "--password-stdin", server);
            JsonNode stored = JSON.readTree(config.toFile());
            CliRunner.Result logout = cli.run("logout", server);
            JsonNode after = JSON.readTree(config.toFile());

            // then
            assertThat(login.code()).as(login.err()).isZero();
            assertThat(login.out()).isEqualTo("Login Succeeded\n");
            assertThat(login.err()).doesNotContain("unencrypted");
            JsonNode sent = JSON.readTree(bin.resolve("fake-store.stdin").toFile());
            assertThat(sent.path("ServerURL").asText()).isEqualTo(server);
            assertThat(sent.path("Username").asText()).isEqualTo(USER.username());
            assertThat(sent.path("Secret").asText()).isEqualTo(USER.password());
            assertThat(stored.path("auths").path(server).isObject()).isTrue();
            assertThat(stored.path("auths").path(server).size()).isZero();
            assertThat(stored.path("psFormat").asText()).isEqualTo("{{.ID}}");
            assertThat(logout.code()).as(logout.err()).isZero();
            assertThat(logout.out()).isEqualTo("Removing login credentials for " + server + "\n");
            assertThat(Files.readString(bin.resolve("fake-erase.stdin"), StandardCharsets.UTF_8)).isEqualTo(server);
            assertThat(Files.readAllLines(bin.resolve("calls"))).containsExactly("fake store", "fake erase");
            assertThat(after.path("auths").has(server)).isFalse();
        }
    }

    @Test
    void credHelpersForTheServerWinOverCredsStore(HermeticEnvironment env) throws Exception {
        // given
        Path config = env.dockerConfig().resolve("config.json");
        Files.createDirectories(config.getParent());
        try (LocalRegistry registry = LocalRegistry.htpasswd(USER).start()) {
            String server = registry.host();
            Files.writeString(config, "{\"credsStore\":\"fake\",\"credHelpers\":{\"" + server + "\":\"other\"}}");

            // when
            CliRunner.Result login = cli.runWithInput(USER.password(), "login", "-u", USER.username(),
                    "--password-stdin", server);

            // then
            assertThat(login.code()).as(login.err()).isZero();
            assertThat(Files.readAllLines(bin.resolve("calls"))).containsExactly("other store");
            assertThat(JSON.readTree(bin.resolve("other-store.stdin").toFile()).path("Secret").asText())
                    .isEqualTo(USER.password());
        }
    }

    @Test
    void aMissingHelperFailsAsDockerSaysAndStoresNothing(HermeticEnvironment env) throws Exception {
        // given
        Path config = env.dockerConfig().resolve("config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"credsStore\":\"absent\"}");
        try (LocalRegistry registry = LocalRegistry.htpasswd(USER).start()) {
            // when
            CliRunner.Result login = cli.runWithInput(USER.password(), "login", "-u", USER.username(),
                    "--password-stdin", registry.host());

            // then
            assertThat(login.code()).isEqualTo(1);
            assertThat(login.err()).isEqualTo("stevedore: Error: error storing credentials - err: exec: "
                    + "\"docker-credential-absent\": executable file not found in $PATH\n");
            assertThat(Files.readString(config)).isEqualTo("{\"credsStore\":\"absent\"}");
        }
    }
}

package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** config.json variants in a hermetic DOCKER_CONFIG, and a real credential helper script. */
@ExtendWith(HermeticHome.class)
class DockerConfigCredentialsTest {
    static final String HELPER = """
            #!/bin/sh
            read url
            case "$url" in
              127.0.0.1:5000) echo '{"ServerURL":"127.0.0.1:5000","Username":"helper-user","Secret":"helper-secret"}' ;;
              https://index.docker.io/v1/) echo '{"ServerURL":"https://index.docker.io/v1/","Username":"<token>","Secret":"hub-identity"}' ;;
              broken.example) echo "keychain locked"; exit 3 ;;
              *) echo "credentials not found in native keychain"; exit 1 ;;
            esac
            """;

    @TempDir
    Path bin;
    Path config;

    @BeforeEach
    void helper(HermeticEnvironment env) throws Exception {
        config = env.dockerConfig();
        Path script = bin.resolve("docker-credential-test");
        Files.writeString(script, HELPER, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    void write(String json) throws Exception {
        Files.writeString(config.resolve("config.json"), json, StandardCharsets.UTF_8);
    }

    Credentials credentials() {
        return Credentials.fromDockerConfig(config, List.of(bin));
    }

    static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBase64AuthsEntriesMatchedByHost() throws Exception {
        write("{\"auths\":{\"https://127.0.0.1:5000\":{\"auth\":\"" + auth("alice", "pw:with:colons") + "\"}}}");

        assertThat(credentials().lookup("127.0.0.1:5000")).contains(Credential.basic("alice", "pw:with:colons"));
        assertThat(credentials().lookup("127.0.0.1:5001")).isEmpty();
    }

    @Test
    void readsDockerHubCredentialsFromTheIndexV1Key() throws Exception {
        write("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("hubuser", "hubpw") + "\"}}}");

        assertThat(credentials().lookup("docker.io")).contains(Credential.basic("hubuser", "hubpw"));
        assertThat(credentials().lookup("index.docker.io")).contains(Credential.basic("hubuser", "hubpw"));
    }

    @Test
    void readsIdentityTokensAndPlainFields() throws Exception {
        write("{\"auths\":{\"a.example\":{\"identitytoken\":\"refresh-me\"},"
                + "\"b.example\":{\"username\":\"bob\",\"password\":\"bobpw\"}}}");

        assertThat(credentials().lookup("a.example")).contains(Credential.identityToken("refresh-me"));
        assertThat(credentials().lookup("b.example")).contains(Credential.basic("bob", "bobpw"));
    }

    @Test
    void asksTheRegistrysCredentialHelperFirst() throws Exception {
        write("{\"credHelpers\":{\"127.0.0.1:5000\":\"test\"},\"auths\":{\"127.0.0.1:5000\":{\"auth\":\""
                + auth("ignored", "ignored") + "\"}}}");

        assertThat(credentials().lookup("127.0.0.1:5000")).contains(Credential.basic("helper-user", "helper-secret"));
    }

    @Test
    void usesTheCredsStoreForEveryRegistry_withIdentityTokensForDockerHub() throws Exception {
        write("{\"credsStore\":\"test\"}");

        assertThat(credentials().lookup("docker.io")).contains(Credential.identityToken("hub-identity"));
        assertThat(credentials().lookup("127.0.0.1:5000")).contains(Credential.basic("helper-user", "helper-secret"));
    }

    @Test
    void treatsAHelpersNotFoundAnswerAsAnonymous() throws Exception {
        write("{\"credsStore\":\"test\"}");

        assertThat(credentials().lookup("unknown.example")).isEmpty();
    }

    @Test
    void reportsAFailingHelperWithoutAnySecret() throws Exception {
        write("{\"credHelpers\":{\"broken.example\":\"test\"}}");

        assertThatThrownBy(() -> credentials().lookup("broken.example"))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("docker-credential-test exited with status 3: keychain locked");
    }

    @Test
    void reportsAMissingHelper() throws Exception {
        write("{\"credsStore\":\"absent\"}");

        assertThatThrownBy(() -> credentials().lookup("x.example"))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("docker-credential-absent is not on the search path");
    }

    @Test
    void meansAnonymousWithoutAConfigFile() {
        assertThat(credentials().lookup("127.0.0.1:5000")).isEmpty();
    }

    @Test
    void findsTheConfigThroughTheDockerConfigProperty() throws Exception {
        write("{\"auths\":{\"c.example\":{\"auth\":\"" + auth("carol", "carolpw") + "\"}}}");

        assertThat(Credentials.fromDockerConfig().lookup("c.example")).contains(Credential.basic("carol", "carolpw"));
    }

    @Test
    void reportsABrokenConfigWithoutItsContent() throws Exception {
        write("{\"auths\":{\"c.example\":{\"auth\":\"" + auth("carol", "carolpw") + "\"");

        assertThatThrownBy(() -> credentials().lookup("c.example"))
                .isInstanceOf(CredentialsException.class)
                .hasMessageNotContaining(auth("carol", "carolpw"));
    }

    @Test
    void neverShowsSecretsInToString() {
        assertThat(Credential.basic("alice", "s3cret").toString()).doesNotContain("s3cret").contains("alice");
        assertThat(Credential.identityToken("tok3n").toString()).doesNotContain("tok3n");
        assertThat(new Token("jwt-value", java.time.Instant.EPOCH).toString()).doesNotContain("jwt-value");
    }

    @Test
    void fallsBackFromOneSourceToTheNext() {
        Credentials composite = Credentials.basic("a.example", "u", "p")
                .orElse(Credentials.basic("b.example", "v", "q"));

        assertThat(composite.lookup("a.example")).contains(Credential.basic("u", "p"));
        assertThat(composite.lookup("b.example")).contains(Credential.basic("v", "q"));
        assertThat(composite.lookup("c.example")).isEmpty();
    }
}

package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.ImageReference;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryHostsTest {
    @Test
    void sendsDockerHubRequestsToRegistry1() {
        assertThat(RegistryHosts.apiHost("docker.io")).isEqualTo("registry-1.docker.io");
        assertThat(RegistryHosts.apiHost(ImageReference.parse("busybox").registry()))
                .isEqualTo(ImageReference.parse("busybox").registryHost());
        assertThat(RegistryHosts.apiHost("ghcr.io")).isEqualTo("ghcr.io");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://index.docker.io/v1/, docker.io",
        "index.docker.io, docker.io",
        "registry-1.docker.io, docker.io",
        "docker.io, docker.io",
        "https://ghcr.io, ghcr.io",
        "http://127.0.0.1:5000/v2/, 127.0.0.1:5000",
        "Registry.LAN:5000, registry.lan:5000"})
    void normalizesConfigKeysToHosts(String key, String host) {
        assertThat(RegistryHosts.configKeyHost(key)).isEqualTo(host);
    }

    @Test
    void filesDockerHubCredentialsUnderTheIndexV1Key() {
        assertThat(RegistryHosts.helperServerUrl("docker.io")).isEqualTo("https://index.docker.io/v1/");
        assertThat(RegistryHosts.credentialName("index.docker.io")).isEqualTo("docker.io");
        assertThat(RegistryHosts.helperServerUrl("ghcr.io")).isEqualTo("ghcr.io");
    }

    @ParameterizedTest(name = "{0} loopback: {1}")
    @CsvSource({"localhost, true", "127.0.0.1, true", "127.1.2.3, true", "::1, true", "[::1], true",
            "10.0.0.1, false", "128.0.0.1, false", "example.com, false", "localhost.example.com, false"})
    void knowsLoopbackHostsWithoutDns(String host, boolean loopback) {
        assertThat(RegistryHosts.isLoopback(host)).isEqualTo(loopback);
    }

    @Test
    void triesPlainHttpOnlyForLoopbackOrInsecureRegistries() {
        assertThat(Site.origin("127.0.0.1:5000", false).candidates())
                .containsExactly(URI.create("https://127.0.0.1:5000/"), URI.create("http://127.0.0.1:5000/"));
        assertThat(Site.origin("[::1]:5000", false).candidates()).hasSize(2);
        assertThat(Site.origin("registry.lan:5000", false).candidates())
                .containsExactly(URI.create("https://registry.lan:5000/"));
        assertThat(Site.origin("registry.lan:5000", true).candidates()).hasSize(2);
        assertThat(Site.origin("docker.io", false).candidates()).containsExactly(URI.create("https://registry-1.docker.io/"));
    }
}

package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyChoiceTest {
    final ProxyChoice choice = ProxyChoice.fromEnvironment(Map.of(
            "HTTPS_PROXY", "http://proxy.corp:3128",
            "http_proxy", "proxy.corp:8080",
            "NO_PROXY", ".internal, registry.lan:5000,exact.example"));

    @Test
    void usesHttpsProxyForHttpsRegistries() {
        assertThat(choice.environmentProxy(URI.create("https://ghcr.io/v2/")))
                .contains(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp", 3128)));
    }

    @Test
    void usesTheLowercaseVariableAndDefaultPortForPlainHttp() {
        assertThat(choice.environmentProxy(URI.create("http://registry.example/v2/")))
                .contains(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp", 8080)));
    }

    @Test
    void bypassesNoProxyDomainsHostsAndPorts() {
        assertThat(choice.environmentProxy(URI.create("https://a.b.internal/v2/"))).isEmpty();
        assertThat(choice.environmentProxy(URI.create("https://registry.lan:5000/v2/"))).isEmpty();
        assertThat(choice.environmentProxy(URI.create("https://registry.lan:6000/v2/"))).isPresent();
        assertThat(choice.environmentProxy(URI.create("https://exact.example/v2/"))).isEmpty();
        assertThat(choice.environmentProxy(URI.create("https://sub.exact.example/v2/"))).isEmpty();
    }

    @Test
    void neverProxiesLoopback() {
        assertThat(choice.environmentProxy(URI.create("https://127.0.0.1:5000/v2/"))).isEmpty();
        assertThat(choice.environmentProxy(URI.create("https://localhost/v2/"))).isEmpty();
    }

    @Test
    void asksTheDefaultSelectorWhenTheEnvironmentSaysNothing() {
        ProxyChoice none = ProxyChoice.fromEnvironment(Map.of());

        assertThat(none.environmentProxy(URI.create("https://ghcr.io/v2/"))).isEmpty();
        assertThat(none.select(URI.create("http://127.0.0.1:1/"))).containsExactly(Proxy.NO_PROXY);
    }
}

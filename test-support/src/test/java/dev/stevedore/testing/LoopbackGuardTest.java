package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.Proxy;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackGuardTest {
    @ParameterizedTest(name = "{0} is loopback")
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "127.255.255.255", "[::1]", "::1",
            "[0:0:0:0:0:0:0:1]"})
    void acceptsLoopbackHosts(String host) {
        // when / then
        assertThat(LoopbackGuard.isLoopback(host)).isTrue();
    }

    @ParameterizedTest(name = "{0} is not loopback")
    @ValueSource(strings = {"registry-1.docker.io", "docker.io", "localhost.example.com", "10.0.0.1", "128.0.0.1",
            "0.0.0.0", "127.0.0.256", "0127.0.0.1", "[::2]", "[fe80::1]", "192.168.1.1", ""})
    void refusesOtherHosts(String host) {
        // when / then
        assertThat(LoopbackGuard.isLoopback(host)).isFalse();
    }

    @Test
    void letsLoopbackThroughWithoutProxy() {
        // given
        LoopbackGuard guard = new LoopbackGuard();

        // when
        var proxies = guard.select(URI.create("http://127.0.0.1:5000/v2/"));

        // then
        assertThat(proxies).containsExactly(Proxy.NO_PROXY);
        assertThat(guard.drainRefused()).isEmpty();
    }

    @Test
    void refusesAndRemembersOtherHostsUntilDrained() {
        // given
        LoopbackGuard guard = new LoopbackGuard();
        URI dockerHub = URI.create("https://registry-1.docker.io/v2/");

        // when
        assertThatIllegalArgumentException().isThrownBy(() -> guard.select(dockerHub))
                .withMessageContaining("registry-1.docker.io");

        // then
        assertThat(guard.drainRefused()).containsExactly(dockerHub);
        assertThat(guard.drainRefused()).isEmpty();
    }

    @Test
    void refusesSocketUrisToOtherHosts() {
        // given
        LoopbackGuard guard = new LoopbackGuard();

        // when
        assertThatIllegalArgumentException().isThrownBy(() -> guard.select(URI.create("socket://10.1.2.3:443")));

        // then
        assertThat(guard.drainRefused()).containsExactly(URI.create("socket://10.1.2.3:443"));
    }
}

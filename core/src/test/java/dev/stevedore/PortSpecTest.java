package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortSpecTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "80              | TCP | 0.0.0.0   | 0    | 80",
        "8080:80         | TCP | 0.0.0.0   | 8080 | 80",
        "127.0.0.1:8080:80 | TCP | 127.0.0.1 | 8080 | 80",
        "127.0.0.1::80   | TCP | 127.0.0.1 | 0    | 80",
        "53/udp          | UDP | 0.0.0.0   | 0    | 53",
        "5353:53/UDP     | UDP | 0.0.0.0   | 5353 | 53",
        "[::1]:9000:90   | TCP | ::1       | 9000 | 90",
        ":80             | TCP | 0.0.0.0   | 0    | 80"})
    void parsesDockerPortSpecs(String text, PortProtocol protocol, String ip, int host, int container) {
        assertThat(PortSpec.parse(text)).isEqualTo(new PortSpec(protocol, ip, host, container));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "80-90:80-90", "70000", "80:0", "1.2.3.4:80:80:80", "80/sctp", "host:80:80"})
    void refusesOtherSpecs(String text) {
        assertThatThrownBy(() -> PortSpec.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65536, -1})
    void refusesContainerPortsOutOfRange(int port) {
        assertThatThrownBy(() -> PortSpec.tcp(0, port)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("container port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"80/tcp", "53/udp"})
    void writesTheContainerSideAsDocker(String key) {
        assertThat(PortSpec.parse(key).containerKey()).isEqualTo(key);
    }
}

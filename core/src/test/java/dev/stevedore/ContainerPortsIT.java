package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ContainerPortsIT extends ContainerFixture {
    private static final String HTTPD = "mkdir -p /www && echo hello from $(hostname) > /www/index.html"
            + " && exec httpd -f -p 80 -h /www";

    @Test
    void publishesAFixedHostPort() throws IOException {
        int port = freePort();
        try (Container web = busybox("sh", "-c", HTTPD).init(true).publish(PortSpec.tcp(port, 80).onHost("127.0.0.1"))
                .waitingFor(Wait.forHttp(80, "/index.html").withTimeout(Duration.ofSeconds(20))).start()) {
            assertThat(web.mappedPort(80)).isEqualTo(port);
            assertThat(get(port, "/index.html")).isEqualTo("hello from " + web.shortId() + "\n");
            assertThat(web.ports()).containsExactly(new PortBinding(PortProtocol.TCP, "127.0.0.1", port, 80));
            assertThat(web.info().exposedPorts()).contains("80/tcp");
        }
    }

    @Test
    void publishesOnAFreeHostPort() throws IOException {
        try (Container web = busybox("sh", "-c", HTTPD).publish(80).init(true)
                .waitingFor(Wait.forListeningPort(80).withTimeout(Duration.ofSeconds(20))).start()) {
            int port = web.mappedPort(80);
            assertThat(port).isPositive();
            assertThat(get(port, "/index.html")).startsWith("hello from");
            assertThat(containers.list(false).get(0).ports()).extracting(PortBinding::hostPort).containsExactly(port);
            assertThatThrownBy(() -> web.mappedPort(81)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not published");
        }
    }

    @Test
    void forwardsRawTcpToNetcat() throws IOException {
        try (Container nc = busybox("sh", "-c", "echo pong | nc -l -p 7000").publish(7000)
                .waitingFor(Wait.forListeningPort(7000).withTimeout(Duration.ofSeconds(20))).start()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), nc.mappedPort(7000))) {
                s.setSoTimeout(10_000);
                assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("pong\n");
            }
            assertThat(nc.waitFor().exitCode()).isZero();
        }
    }

    @Test
    void aPortInUseFailsTheStartAndLeavesNothing() throws IOException {
        List<String> cgroupsBefore = stevedoreCgroups();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> busybox("sh", "-c", HTTPD).name("blocked")
                    .publish(PortSpec.tcp(taken.getLocalPort(), 80).onHost("127.0.0.1")).start())
                    .isInstanceOf(ContainerStartException.class)
                    .hasMessageContaining("cannot start container")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()))
                    .hasMessageContaining("EADDRINUSE");
        }
        assertThat(containers.list(true)).isEmpty();
        assertThat(containers.get("blocked")).isEmpty();
        try (Stream<Path> dirs = Files.list(home.resolve("containers"))) {
            assertThat(dirs.filter(p -> ContainerId.isFull(p.getFileName().toString()))).isEmpty();
        }
        assertThat(engine.store().holds().list()).noneMatch(h -> h.name().startsWith("container/"));
        assertThat(stevedoreCgroups()).isEqualTo(cgroupsBefore);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String get(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection(Proxy.NO_PROXY);
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static List<String> stevedoreCgroups() throws IOException {
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            return hierarchies.map(h -> h.resolve("stevedore")).filter(Files::isDirectory).flatMap(p -> {
                try (Stream<Path> s = Files.list(p)) {
                    return s.filter(Files::isDirectory).map(Path::toString).toList().stream();
                } catch (IOException e) {
                    return Stream.empty();
                }
            }).sorted().toList();
        }
    }
}

package dev.stevedore.sandbox;

import static dev.stevedore.sandbox.Sandboxes.DEADLINE;
import static dev.stevedore.sandbox.Sandboxes.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Published ports, forwarded by the shim from 127.0.0.1 into the sandbox, and joined network namespaces. */
class SandboxPortsIT {
    private static final String PAGE = "<h1>hello from the sandbox</h1>\n";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @RegisterExtension
    final Sandboxes boxes = new Sandboxes();

    @Test
    void forwardsAnEphemeralHostPortToTheServerInside() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox box = boxes.start(httpd().publish(PortMapping.tcp(0, 80).onHost("127.0.0.1")));

        // when
        PublishedPort port = box.ports().get(0);
        Optional<String> body = get(port.hostPort());

        // then
        assertThat(port).isEqualTo(new PublishedPort(PortMapping.Protocol.TCP, "127.0.0.1", port.hostPort(), 80));
        assertThat(port.hostPort()).isPositive();
        assertThat(body).contains(PAGE);
    }

    @Test
    void forwardsALargeBodyIntact() throws Exception {
        Preconditions.requiresSandbox();
        // given: a 4 MiB file that is not one byte repeated
        StringBuilder big = new StringBuilder(4 << 20);
        for (int i = 0; big.length() < (4 << 20); i++) {
            big.append(i).append('\n');
        }
        Sandbox box = boxes.start(httpd().publish(PortMapping.tcp(0, 80).onHost("127.0.0.1")));
        boxes.writeInRootfs("/www/big.txt", big.toString());
        int port = box.ports().get(0).hostPort();
        assertThat(get(port)).contains(PAGE);

        // when
        HttpResponse<String> r = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/big.txt")).timeout(DEADLINE).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().length()).isEqualTo(big.length());
        assertThat(r.body()).isEqualTo(big.toString());
    }

    @Test
    void forwardsAFixedHostPort() throws Exception {
        Preconditions.requiresSandbox();
        // given
        int free = freePort();
        Sandbox box = boxes.start(httpd().publish(PortMapping.tcp(free, 80).onHost("127.0.0.1")));

        // when
        Optional<String> body = get(free);

        // then
        assertThat(box.ports()).extracting(PublishedPort::hostPort).containsExactly(free);
        assertThat(body).contains(PAGE);
        box.close();
        try (ServerSocket again = new ServerSocket(free, 1, LOOPBACK)) {
            assertThat(again.getLocalPort()).as("the port is free once the sandbox is closed").isEqualTo(free);
        }
    }

    @Test
    void refusesAHostPortInUseNamingItAndLeavingNothing() throws Exception {
        Preconditions.requiresSandbox();
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            // given
            int port = taken.getLocalPort();
            SandboxSpec spec = boxes.track(httpd().publish(PortMapping.tcp(port, 80).onHost("127.0.0.1")).build());

            // when / then
            assertThatThrownBy(() -> boxes.start(spec))
                    .isInstanceOfSatisfying(SandboxStartException.class,
                            e -> assertThat(e.step()).isEqualTo(SandboxStep.PORT))
                    .hasMessageContaining("127.0.0.1:" + port);
            assertThat(spec.stateDir()).doesNotExist();
            assertThat(Leftovers.cgroupDirs("stevedore", spec.id())).isEmpty();
        }
    }

    @Test
    void forwardsUdpDatagramsBothWays() throws Exception {
        Preconditions.requiresSandbox();
        Path cc = Preconditions.requiresCommand("cc", "gcc");
        // given: a static UDP echo server, compiled for the test
        Path echo = compileUdpEcho(cc);
        Sandbox box = boxes.start(boxes.builder(process(echo.toString(), "5353"))
                .publish(PortMapping.udp(0, 5353).onHost("127.0.0.1")));
        int port = box.ports().get(0).hostPort();

        // when
        Optional<String> reply = udpRoundTrip(port, "ping");

        // then
        assertThat(box.ports().get(0).protocol()).isEqualTo(PortMapping.Protocol.UDP);
        assertThat(reply).contains("echo:ping");
    }

    @Test
    void aSandboxJoiningAnotherNetworkNamespaceReachesItsServerOnLoopback() throws Exception {
        Preconditions.requiresSandbox();
        // given
        Sandbox server = boxes.start(httpd());

        // when
        Sandbox client = boxes.start(boxes.builder(process("sh", "-c",
                "for i in $(seq 1 300); do wget -q -O - http://127.0.0.1:80/ && exit 0; sleep 0.1; done; exit 1"))
                .network(Network.join(server.namespacePath(Namespace.NET))));
        ExitStatus status = client.waitFor(DEADLINE).orElseThrow();

        // then
        assertThat(status.exitCode()).isZero();
        assertThat(Sandboxes.stdout(client)).isEqualTo(PAGE);
    }

    private SandboxSpec.Builder httpd() throws IOException {
        boxes.writeInRootfs("/www/index.html", PAGE);
        return boxes.builder(process("httpd", "-f", "-p", "80", "-h", "/www"));
    }

    private static Optional<String> get(int port) throws InterruptedException {
        return LoopbackHttp.get(port, DEADLINE);
    }

    private static Optional<String> udpRoundTrip(int port, String message) throws IOException, InterruptedException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setSoTimeout(200);
            byte[] out = message.getBytes(StandardCharsets.UTF_8);
            byte[] in = new byte[2048];
            Instant end = Instant.now().plus(DEADLINE);
            while (Instant.now().isBefore(end)) {
                socket.send(new DatagramPacket(out, out.length, LOOPBACK, port));
                DatagramPacket reply = new DatagramPacket(in, in.length);
                try {
                    socket.receive(reply);
                    return Optional.of(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
                } catch (SocketTimeoutException e) {
                    // the echo server was not bound yet: send again
                } catch (IOException e) {
                    Thread.sleep(50); // ICMP port unreachable surfaced as an error: try again
                }
            }
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /** Compiles a UDP echo server into the rootfs; it answers "echo:" + what it got. @return its path inside */
    private Path compileUdpEcho(Path cc) throws IOException, InterruptedException {
        Path src = boxes.tmp().resolve("udpecho.c");
        Files.writeString(src, String.join("\n",
                "#include <arpa/inet.h>",
                "#include <netinet/in.h>",
                "#include <stdlib.h>",
                "#include <string.h>",
                "#include <sys/socket.h>",
                "int main(int argc, char **argv) {",
                "    if (argc < 2) return 2;",
                "    int s = socket(AF_INET, SOCK_DGRAM, 0);",
                "    struct sockaddr_in a;",
                "    memset(&a, 0, sizeof a);",
                "    a.sin_family = AF_INET;",
                "    a.sin_port = htons((unsigned short)atoi(argv[1]));",
                "    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);",
                "    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) < 0) return 1;",
                "    char buf[2048];",
                "    memcpy(buf, \"echo:\", 5);",
                "    for (;;) {",
                "        struct sockaddr_in peer;",
                "        socklen_t len = sizeof peer;",
                "        ssize_t n = recvfrom(s, buf + 5, sizeof buf - 5, 0, (struct sockaddr *)&peer, &len);",
                "        if (n >= 0) sendto(s, buf, (size_t)n + 5, 0, (struct sockaddr *)&peer, len);",
                "    }",
                "}",
                ""));
        Path out = boxes.rootfs().resolve("/bin/udpecho");
        Process p = new ProcessBuilder(cc.toString(), "-static", "-O1", "-o", out.toString(), src.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("cc: %s", log).isZero();
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Path.of("/bin/udpecho");
    }
}

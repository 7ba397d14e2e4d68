package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuildAddUrlIT extends BuildFixture {
    private static final String LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                if (!exchange.getRequestURI().getPath().contains("no-date")) {
                    exchange.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void downloadsIntoADirectoryOrAFilePathWithMode0600AndLastModifiedNeverExtracting() throws IOException {
        files.put("/files/hello.txt", "hello from http\n".getBytes(StandardCharsets.UTF_8));
        files.put("/files/no-date.txt", "undated\n".getBytes(StandardCharsets.UTF_8));
        byte[] tar = tarOf("inside.txt");
        files.put("/archive.tar", tar);
        String dockerfile = """
                FROM %s
                ADD %s/files/hello.txt /downloads/
                ADD %s/files/hello.txt /renamed.txt
                ADD --chmod=644 %s/files/no-date.txt /downloads/
                ADD %s/archive.tar /tars/
                """.formatted(busybox, base, base, base, base);

        Image image = build(dockerfile).build();

        BuildRootfs rootfs = BuildRootfs.of(engine.lowerDirs(image));
        Path hello = rootfs.find("/downloads/hello.txt").orElseThrow();
        assertThat(Files.readString(hello)).isEqualTo("hello from http\n");
        assertThat(BuildFiles.mode(hello)).isEqualTo(0600);
        assertThat(BuildFiles.uid(hello)).isZero();
        assertThat(Files.getLastModifiedTime(hello).toInstant()).isEqualTo(Instant.parse("2015-10-21T07:28:00Z"));
        Path renamed = rootfs.find("/renamed.txt").orElseThrow();
        assertThat(Files.isRegularFile(renamed)).isTrue();
        assertThat(Files.readString(renamed)).isEqualTo("hello from http\n");
        Path undated = rootfs.find("/downloads/no-date.txt").orElseThrow();
        assertThat(BuildFiles.mode(undated)).isEqualTo(0644);
        assertThat(Files.getLastModifiedTime(undated).toInstant()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        Path archive = rootfs.find("/tars/archive.tar").orElseThrow();
        assertThat(Files.readAllBytes(archive)).isEqualTo(tar);
        assertThat(rootfs.find("/tars/inside.txt")).isEmpty();
        assertThat(image.history()).anyMatch(h -> h.createdBy().orElse("")
                .equals("ADD " + base + "/files/hello.txt /renamed.txt # buildkit"));
    }

    @Test
    void withoutChecksumTheUrlIsCheckedAgainAndItsContentIsTheCacheKey() {
        files.put("/v.txt", "one\n".getBytes(StandardCharsets.UTF_8));
        String dockerfile = "FROM " + busybox + "\nADD " + base + "/v.txt /v.txt\nRUN cat /v.txt > /copy.txt\n";
        build(dockerfile).build();
        events.clear();
        int before = requests.get();

        Image same = build(dockerfile).build();

        assertThat(requests.get()).isEqualTo(before + 1);
        assertThat(events.cached).hasSize(2);
        files.put("/v.txt", "two\n".getBytes(StandardCharsets.UTF_8));
        events.clear();
        Image changed = build(dockerfile).build();
        assertThat(events.cached).isEmpty();
        assertThat(run(changed, "cat /copy.txt")).isEqualTo("two\n");
        assertThat(run(same, "cat /copy.txt")).isEqualTo("one\n");
    }

    @Test
    void aMatchingChecksumIsVerifiedAndAloneKeysTheCacheSoAHitDownloadsNothing() throws Exception {
        byte[] body = "pinned\n".getBytes(StandardCharsets.UTF_8);
        files.put("/pinned.txt", body);
        String sum = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String dockerfile = "FROM " + busybox + "\nADD --checksum=" + sum + " " + base + "/pinned.txt /p/\n";
        Image first = build(dockerfile).build();
        assertThat(run(first, "cat /p/pinned.txt")).isEqualTo("pinned\n");
        events.clear();
        int before = requests.get();

        Image again = build(dockerfile).build();

        assertThat(requests.get()).isEqualTo(before);
        assertThat(events.cached).singleElement().asString().contains("ADD --checksum");
        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void aChecksumMismatchFailsNamingUrlExpectedAndActualAndCommitsNothing() throws Exception {
        byte[] body = "actual\n".getBytes(StandardCharsets.UTF_8);
        files.put("/f.txt", body);
        String actual = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String expected = "sha256:" + "0".repeat(64);
        String dockerfile = "FROM " + busybox + "\nADD --checksum=" + expected + " " + base + "/f.txt /f.txt\n";
        long entriesBefore = cacheEntries();

        assertThatThrownBy(() -> build(dockerfile).tag("bad:1").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:2:")
                .hasMessageContaining(base + "/f.txt")
                .hasMessageContaining("expected " + expected)
                .hasMessageContaining("got " + actual);
        assertThat(cacheEntries()).isEqualTo(entriesBefore);
        assertThat(engine.images().find("bad:1")).isEmpty();
    }

    @Test
    void httpErrorsAndRefusedConnectionsFailNamingTheUrl() throws IOException {
        assertThatThrownBy(() -> build("FROM " + busybox + "\nADD " + base + "/missing.txt /\n").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining(base + "/missing.txt")
                .hasMessageContaining("HTTP status 404");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + port + "/x.txt";
        assertThatThrownBy(() -> build("FROM " + busybox + "\nADD " + refused + " /\n").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining(refused)
                .hasMessageContaining("connection");
    }

    @Test
    void gitSourcesAreNotSupported() {
        assertThatThrownBy(() -> build("FROM " + busybox + "\nADD " + base + "/repo.git /src\n").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("git repository")
                .hasMessageContaining("not supported in 0.1");
        assertThatThrownBy(() -> build("FROM " + busybox + "\nADD git@example.com:org/repo.git /src\n").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("not supported in 0.1");
    }

    private long cacheEntries() {
        return engine.store().holds().list().stream().filter(h -> h.name().startsWith(BuildCache.PREFIX)).count();
    }

    private static byte[] tarOf(String name) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
                new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
            byte[] data = "in tar\n".getBytes(StandardCharsets.UTF_8);
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e =
                    new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name);
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}

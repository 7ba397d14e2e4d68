package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command as real processes: {@code run -d -p} returns, its process exits, and the
 * container keeps serving; a later process stops and removes it.
 */
@ExtendWith(HermeticHome.class)
class LauncherIT {
    private static final Path JAR = Path.of("target/stevedore.jar");

    @TempDir
    Path temp;

    record Run(int code, String out, String err) {}

    private Run stevedore(HermeticEnvironment env, Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--home", home.toString()));
        cmd.addAll(List.of(args));
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process p = env.applyTo(new ProcessBuilder(cmd)).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("stevedore " + List.of(args) + " did not end");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aDetachedContainerKeepsServingAfterTheCommandExits(HermeticEnvironment env) throws Exception {
        // given
        Preconditions.requiresSandbox();
        assertThat(JAR).as("run mvn package first").exists();
        Path home = Files.createTempDirectory(temp, "home-");
        Path layout = temp.resolve("busybox-layout");
        BusyboxImage.writeTo(layout);
        assertThat(stevedore(env, home, "load", "-i", layout.toString(), "--name", "busybox").code()).isZero();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        // when
        Run run = stevedore(env, home, "run", "-d", "-p", port + ":80", "busybox", "httpd", "-f", "-p", "80", "-h",
                "/etc");
        String id = run.out().strip();
        try {
            String hostname = fetch(URI.create("http://127.0.0.1:" + port + "/hostname"));
            Run ps = stevedore(env, home, "ps", "--format", "{{.ID}} {{.Ports}}");

            // then
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(hostname).isEqualTo(id.substring(0, 12) + "\n");
            assertThat(ps.out()).isEqualTo(id.substring(0, 12) + " 0.0.0.0:" + port + "->80/tcp\n");
        } finally {
            Run rm = stevedore(env, home, "rm", "-f", id);
            assertThat(rm.code()).as(rm.err()).isZero();
        }
        assertThat(stevedore(env, home, "ps", "-a", "-q").out()).isEmpty();
    }

    @Test
    void aBadFlagExitsWith125(HermeticEnvironment env) throws Exception {
        Path home = Files.createTempDirectory(temp, "home-");
        Run r = stevedore(env, home, "run", "--bogus", "busybox");

        assertThat(r.code()).isEqualTo(125);
        assertThat(r.err()).startsWith("stevedore: Error: Unknown option: '--bogus'");
    }

    private static String fetch(URI uri) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        IOException last = null;
        for (int i = 0; i < 100; i++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answer from " + uri, last);
    }
}

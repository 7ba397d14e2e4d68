package dev.stevedore.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.Container;
import dev.stevedore.Stevedore;
import dev.stevedore.Wait;
import dev.stevedore.examples.Seeds;
import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.Preconditions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario "a JUnit test that uses an isolated service", as Testcontainers users write it:
 * one container per test class, started before the tests and closed after them; the tests
 * talk to it through its mapped port.
 */
@ExtendWith(HermeticHome.class)
class IsolatedServiceExampleIT {
    @TempDir
    static Path site;

    static Stevedore engine;
    static Container service;
    static URI base;

    @BeforeAll
    static void startTheService(HermeticEnvironment env) throws Exception {
        Preconditions.requiresSandbox();
        engine = Stevedore.builder().home(env.stevedoreHome()).build();   // a private store for this class
        Seeds.busybox(engine);
        Files.writeString(site.resolve("greeting.txt"), "hello from the service\n");
        service = engine.containers().create("busybox")
                .bind(site, "/www")                                         // -v <site>:/www
                .cmd("httpd", "-f", "-p", "8080", "-h", "/www")
                .init(true)                                                 // --init: stops promptly
                .publish(8080)                                              // a free host port
                .waitingFor(Wait.forHttp(8080, "/greeting.txt").withTimeout(Duration.ofSeconds(10)))
                .start();
        base = URI.create("http://127.0.0.1:" + service.mappedPort(8080) + "/");
    }

    @AfterAll
    static void stopTheService() {
        if (service != null) {
            service.close();                                                // stop, unmount, remove cgroup
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void servesTheFileTheTestPutThere() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("greeting.txt")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello from the service\n");
    }

    @Test
    void answers404ForAFileThatIsNotThere() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("missing.txt")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(404);
    }
}

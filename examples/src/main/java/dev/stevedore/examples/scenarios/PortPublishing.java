package dev.stevedore.examples.scenarios;

import dev.stevedore.Container;
import dev.stevedore.PortBinding;
import dev.stevedore.PortSpec;
import dev.stevedore.Stevedore;
import dev.stevedore.Wait;
import dev.stevedore.examples.Seeds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Publish container ports: a fixed host port, a free one, loopback only ({@code -p}). */
public final class PortPublishing {
    private PortPublishing() {}

    /**
     * Serves the container's /etc with busybox httpd on port 80 and reads its hostname through a
     * free loopback host port.
     *
     * @param engine the engine
     * @return the bindings and what the page said
     * @throws Exception if a step fails
     */
    public static String run(Stevedore engine) throws Exception {
        Seeds.busybox(engine);
        try (Container web = engine.containers().create("busybox")
                .cmd("httpd", "-f", "-p", "80", "-h", "/etc")
                .init(true)                                   // --init: httpd as PID 1 would ignore SIGTERM
                .publish(PortSpec.parse("127.0.0.1::80"))     // -p 127.0.0.1::80: free port, loopback only
                .waitingFor(Wait.forHttp(80, "/hostname").withTimeout(Duration.ofSeconds(10)))
                .start()) {
            List<PortBinding> ports = web.ports();            // 127.0.0.1:<port>->80/tcp
            int port = web.mappedPort(80);
            String hostname = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hostname")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return ports + " " + hostname.strip();
        }
    }

    /**
     * Runs the example on the default engine.
     *
     * @param args ignored
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        System.out.println(run(Stevedore.local()));
    }
}

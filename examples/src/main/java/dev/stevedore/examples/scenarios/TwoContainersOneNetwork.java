package dev.stevedore.examples.scenarios;

import dev.stevedore.Container;
import dev.stevedore.Stevedore;
import dev.stevedore.Wait;
import dev.stevedore.examples.Seeds;
import java.time.Duration;

/**
 * Two containers on one named network: the client reaches the server by its name
 * ({@code docker network create app; docker run --network app --name web ...}).
 * In 0.1 a named network is one shared network namespace with the names in /etc/hosts.
 */
public final class TwoContainersOneNetwork {
    private TwoContainersOneNetwork() {}

    /**
     * Starts a web server named {@code web} on network {@code app}; a second container fetches
     * {@code http://web/hostname} from it.
     *
     * @param engine the engine
     * @return what the client got
     */
    public static String run(Stevedore engine) {
        Seeds.busybox(engine);
        engine.containers().networks().create("app");                        // docker network create app
        try (Container web = engine.containers().create("busybox")
                .name("web").network("app")
                .cmd("httpd", "-f", "-p", "80", "-h", "/etc")
                .init(true)                                   // --init: httpd as PID 1 would ignore SIGTERM
                .waitingFor(Wait.forExec("wget", "-q", "-O", "/dev/null", "http://127.0.0.1/hostname")
                        .withTimeout(Duration.ofSeconds(10)))
                .start();
             Container client = engine.containers().create("busybox")
                .network("app")
                .cmd("wget", "-q", "-O", "-", "http://web/hostname")           // by name
                .start()) {
            client.waitFor();
            String got = client.output();                                      // the server's hostname
            web.stop();
            return got;
        } finally {
            engine.containers().networks().remove("app");
        }
    }

    /**
     * Runs the example on the default engine.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.print(run(Stevedore.local()));
    }
}

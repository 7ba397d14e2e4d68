package dev.stevedore.examples.scenarios;

import dev.stevedore.Container;
import dev.stevedore.Image;
import dev.stevedore.Stevedore;
import dev.stevedore.Wait;
import dev.stevedore.examples.Seeds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Build an image from a Dockerfile and run it: {@code docker build} + {@code docker run -p}.
 *
 * <pre>{@code java ... dev.stevedore.examples.scenarios.BuildAndRun examples/friendlyhello}</pre>
 */
public final class BuildAndRun {
    private BuildAndRun() {}

    /**
     * Builds the context directory, runs the image with port 80 published, returns the page.
     *
     * @param engine the engine
     * @param context a build context whose image serves HTTP on port 80 (such as friendlyhello)
     * @return the page the container served
     * @throws Exception if a step fails
     */
    public static String run(Stevedore engine, Path context) throws Exception {
        Seeds.busybox(engine);                                     // FROM busybox:latest, offline
        Image app = engine.images().build(context)                 // docker build -t friendlyhello:example
                .tag("friendlyhello:example")
                .build();
        try (Container web = engine.containers().create(app)      // docker run -p 80 (a free host port)
                .publish(80)
                .waitingFor(Wait.forHttp(80, "/").withTimeout(Duration.ofSeconds(10)))
                .start()) {
            URI page = URI.create("http://127.0.0.1:" + web.mappedPort(80) + "/");
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }                                                          // close: stop and clean up
    }

    /**
     * Runs the example on the default engine.
     *
     * @param args the build context (default {@code examples/friendlyhello})
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        Path context = Path.of(args.length > 0 ? args[0] : "examples/friendlyhello");
        System.out.println(run(Stevedore.local(), context));
    }
}

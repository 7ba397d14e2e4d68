package dev.stevedore.examples.scenarios;

import dev.stevedore.Container;
import dev.stevedore.Image;
import dev.stevedore.Stevedore;
import dev.stevedore.examples.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A multi-stage build: one stage makes an artifact, the final stage copies only that
 * ({@code COPY --from=build}).
 */
public final class MultiStageBuild {
    static final String DOCKERFILE = """
            FROM busybox:latest AS build
            WORKDIR /src
            RUN printf '#!/bin/sh\\necho built by stage build\\n' > app.sh && chmod +x app.sh

            FROM busybox:latest
            COPY --from=build /src/app.sh /usr/local/bin/app
            CMD ["app"]
            """;

    private MultiStageBuild() {}

    /**
     * Builds the two-stage Dockerfile and runs the result.
     *
     * @param engine the engine
     * @return what the final image printed
     * @throws IOException if the empty context cannot be made
     */
    public static String run(Stevedore engine) throws IOException {
        Seeds.busybox(engine);
        Path context = Files.createTempDirectory("stevedore-multistage-");   // nothing to send
        Image app = engine.images().build(context).dockerfileText(DOCKERFILE).tag("multistage:example").build();
        try (Container c = engine.containers().create(app).start()) {
            c.waitFor();
            return c.output();                                                 // "built by stage build\n"
        }
    }

    /**
     * Runs the example on the default engine.
     *
     * @param args ignored
     * @throws IOException if the context cannot be made
     */
    public static void main(String[] args) throws IOException {
        System.out.print(run(Stevedore.local()));
    }
}

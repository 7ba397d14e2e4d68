package dev.stevedore.examples.scenarios;

import dev.stevedore.Image;
import dev.stevedore.Stevedore;
import dev.stevedore.examples.Seeds;
import dev.stevedore.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Push an image to a registry and pull it into another store: {@code docker push} + {@code docker pull}.
 * The registry is test-support's real {@code docker-registry} on a loopback port.
 */
public final class PullAndPush {
    private PullAndPush() {}

    /**
     * Pushes busybox to a fresh local registry, then pulls it into a second engine.
     *
     * @param engine the engine to push from
     * @return the image as pulled by the second engine
     * @throws Exception if a step fails
     */
    public static Image run(Stevedore engine) throws Exception {
        Image busybox = Seeds.busybox(engine);
        try (LocalRegistry registry = LocalRegistry.anonymous().start()) {
            String ref = "127.0.0.1:" + registry.port() + "/tools/busybox:1";
            busybox.tag(ref).push();                                         // docker tag + docker push
            Path otherHome = Files.createTempDirectory("stevedore-other-home-");
            try (Stevedore other = Stevedore.builder().home(otherHome).build()) {
                Image pulled = other.images().pull(ref);                      // docker pull, elsewhere
                System.out.println("pulled " + pulled.references() + " " + pulled.manifestDigest());
                return pulled;
            }
        }
    }

    /**
     * Runs the example on the default engine.
     *
     * @param args ignored
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        run(Stevedore.local());
    }
}

package dev.stevedore.examples;

import dev.stevedore.Image;
import dev.stevedore.Stevedore;
import dev.stevedore.testing.BusyboxImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Base images for the examples on a machine without internet: {@code busybox:latest} made from
 * Debian's busybox-static (test-support's {@link BusyboxImage}) and imported into the store.
 *
 * <pre>{@code Image busybox = Seeds.busybox(engine);}</pre>
 */
public final class Seeds {
    private Seeds() {}

    /**
     * Imports {@code busybox:latest} unless the store has it.
     *
     * @param engine the engine
     * @return the image
     */
    public static Image busybox(Stevedore engine) {
        return engine.images().find("busybox:latest").orElseGet(() -> {
            try {
                Path layout = Files.createTempDirectory("stevedore-busybox-");
                BusyboxImage.writeTo(layout);
                return engine.images().importFrom(layout, "busybox").get(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

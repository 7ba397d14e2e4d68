package dev.stevedore.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test documents under {@code src/test/resources/dev/stevedore/oci}. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

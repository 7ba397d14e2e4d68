package dev.stevedore.examples.cli;

import dev.stevedore.ContainerMount;
import java.nio.file.Path;

/** Parses {@code -v SRC:DST[:ro|rw]}: an absolute SRC binds a host path, else names a volume. */
final class VolumeFlag {
    private VolumeFlag() {}

    static ContainerMount parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("invalid volume specification: '" + text
                    + "' (expected SRC:DST[:ro]; anonymous volumes are not supported in 0.1)");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            if (!parts[2].equals("ro") && !parts[2].equals("rw")) {
                throw new IllegalArgumentException("invalid volume mode '" + parts[2] + "' in '" + text + "'");
            }
            readOnly = parts[2].equals("ro");
        }
        if (parts[0].startsWith("/") || parts[0].startsWith(".")) {
            return new ContainerMount.Bind(Path.of(parts[0]).toAbsolutePath().normalize(), parts[1], readOnly);
        }
        return new ContainerMount.Volume(parts[0], parts[1], readOnly);
    }
}

package dev.stevedore;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where an engine keeps its state when the builder is given no home: a pure function of the
 * environment and the effective uid, so that it can be tested without touching the host.
 *
 * <ol>
 *   <li>the system property {@code stevedore.home}, if set and not blank (tests set it, since a
 *       JVM cannot change its own environment);</li>
 *   <li>{@code $STEVEDORE_HOME}, if set and not blank;</li>
 *   <li>{@code /var/lib/stevedore} for root;</li>
 *   <li>{@code $XDG_DATA_HOME/stevedore}, else {@code ~/.local/share/stevedore}, for anyone else
 *       (as rootless Podman does), so a non-root caller can pull and list images.</li>
 * </ol>
 *
 * <p>The layout under the home: {@code store/} (the layer store), {@code containers/<id>/},
 * {@code volumes/<name>/}, {@code networks/}, {@code engine.lock}.
 */
final class EngineHome {
    static final String HOME_VARIABLE = "STEVEDORE_HOME";
    static final String HOME_PROPERTY = "stevedore.home";
    static final Path ROOT_HOME = Path.of("/var/lib/stevedore");

    private EngineHome() {
    }

    /**
     * Resolves the default home.
     *
     * @param property the {@code stevedore.home} system property
     * @param env the environment
     * @param euid the effective uid
     * @param userHome the {@code user.home} system property
     * @return an absolute, normalized path
     */
    static Path resolve(Optional<String> property, Map<String, String> env, int euid, String userHome) {
        Optional<String> explicit = property.flatMap(EngineHome::nonBlank).or(() -> nonBlank(env.get(HOME_VARIABLE)));
        if (explicit.isPresent()) {
            return Path.of(explicit.get()).toAbsolutePath().normalize();
        }
        if (euid == 0) {
            return ROOT_HOME;
        }
        Path data = nonBlank(env.get("XDG_DATA_HOME")).map(Path::of).filter(Path::isAbsolute)
                .orElseGet(() -> Path.of(nonBlank(env.get("HOME")).orElse(userHome), ".local", "share"));
        return data.resolve("stevedore").toAbsolutePath().normalize();
    }

    /** Resolves the default home of this process. */
    static Path ofThisProcess(int euid) {
        return resolve(Optional.ofNullable(System.getProperty(HOME_PROPERTY)), System.getenv(), euid,
                System.getProperty("user.home"));
    }

    static Path store(Path home) {
        return home.resolve("store");
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}

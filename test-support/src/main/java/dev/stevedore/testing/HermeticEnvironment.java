package dev.stevedore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Private, empty homes for one test class: {@code STEVEDORE_HOME}, {@code DOCKER_CONFIG},
 * {@code HOME} and the XDG base directories, all under one temp root. A JVM cannot change its
 * own environment, so child processes get them through {@link #env()} or
 * {@link #applyTo(ProcessBuilder)}, and library code reads the system properties
 * ({@link #systemProperties()}) that {@link HermeticHome} sets, before the environment.
 *
 * <pre>{@code
 * @ExtendWith(HermeticHome.class)
 * class PullTest {
 *     @Test
 *     void writesNothingToTheRealHome(HermeticEnvironment env) throws Exception {
 *         Process p = env.applyTo(new ProcessBuilder("skopeo", "login", ...)).start();
 *     }
 * }
 * }</pre>
 *
 * @param root the temp directory holding all the others
 * @param stevedoreHome {@code STEVEDORE_HOME}, system property {@value #STEVEDORE_HOME}
 * @param dockerConfig {@code DOCKER_CONFIG}, system property {@value #DOCKER_CONFIG}
 * @param home {@code HOME} for child processes (the JVM's {@code user.home} is left alone)
 * @param xdgConfigHome {@code XDG_CONFIG_HOME}, system property {@value #XDG_CONFIG_HOME}
 * @param xdgDataHome {@code XDG_DATA_HOME}, system property {@value #XDG_DATA_HOME}
 * @param xdgCacheHome {@code XDG_CACHE_HOME}, system property {@value #XDG_CACHE_HOME}
 * @param xdgRuntimeDir {@code XDG_RUNTIME_DIR} (mode 0700), system property {@value #XDG_RUNTIME_DIR}
 */
public record HermeticEnvironment(Path root, Path stevedoreHome, Path dockerConfig, Path home, Path xdgConfigHome,
        Path xdgDataHome, Path xdgCacheHome, Path xdgRuntimeDir) {
    /** The system property library code reads instead of {@code STEVEDORE_HOME}. */
    public static final String STEVEDORE_HOME = "stevedore.home";
    /** The system property library code reads instead of {@code DOCKER_CONFIG}. */
    public static final String DOCKER_CONFIG = "docker.config";
    /** The system property library code reads instead of {@code XDG_CONFIG_HOME}. */
    public static final String XDG_CONFIG_HOME = "xdg.config.home";
    /** The system property library code reads instead of {@code XDG_DATA_HOME}. */
    public static final String XDG_DATA_HOME = "xdg.data.home";
    /** The system property library code reads instead of {@code XDG_CACHE_HOME}. */
    public static final String XDG_CACHE_HOME = "xdg.cache.home";
    /** The system property library code reads instead of {@code XDG_RUNTIME_DIR}. */
    public static final String XDG_RUNTIME_DIR = "xdg.runtime.dir";

    /**
     * Checks the fields.
     *
     * @param root the temp directory holding all the others
     * @param stevedoreHome {@code STEVEDORE_HOME}
     * @param dockerConfig {@code DOCKER_CONFIG}
     * @param home {@code HOME} for child processes
     * @param xdgConfigHome {@code XDG_CONFIG_HOME}
     * @param xdgDataHome {@code XDG_DATA_HOME}
     * @param xdgCacheHome {@code XDG_CACHE_HOME}
     * @param xdgRuntimeDir {@code XDG_RUNTIME_DIR}
     * @throws NullPointerException if any path is null
     */
    public HermeticEnvironment {
        for (Path path : new Path[] {root, stevedoreHome, dockerConfig, home, xdgConfigHome, xdgDataHome, xdgCacheHome,
                xdgRuntimeDir}) {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Creates the directories under {@code root} (which may exist): {@code stevedore-home},
     * {@code docker-config}, {@code home}, {@code xdg/config}, {@code xdg/data},
     * {@code xdg/cache} and {@code xdg/runtime} (0700).
     *
     * <pre>{@code HermeticEnvironment env = HermeticEnvironment.createIn(Files.createTempDirectory("demo"));}</pre>
     *
     * @param root where to put them
     * @return the environment
     * @throws FixtureException if a directory cannot be created
     */
    public static HermeticEnvironment createIn(Path root) {
        HermeticEnvironment env = new HermeticEnvironment(root, root.resolve("stevedore-home"),
                root.resolve("docker-config"), root.resolve("home"), root.resolve("xdg/config"),
                root.resolve("xdg/data"), root.resolve("xdg/cache"), root.resolve("xdg/runtime"));
        try {
            for (Path dir : new Path[] {env.stevedoreHome(), env.dockerConfig(), env.home(), env.xdgConfigHome(),
                    env.xdgDataHome(), env.xdgCacheHome(), env.xdgRuntimeDir()}) {
                Files.createDirectories(dir);
            }
            Files.setPosixFilePermissions(env.xdgRuntimeDir(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new FixtureException("Tried to create hermetic homes under " + root + " but failed because: "
                    + e.getMessage(), e);
        }
        return env;
    }

    /**
     * The environment variables for child processes, in a fixed order.
     *
     * @return {@code STEVEDORE_HOME}, {@code DOCKER_CONFIG}, {@code HOME} and the four {@code XDG_*} variables
     */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STEVEDORE_HOME", stevedoreHome.toString());
        env.put("DOCKER_CONFIG", dockerConfig.toString());
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", xdgConfigHome.toString());
        env.put("XDG_DATA_HOME", xdgDataHome.toString());
        env.put("XDG_CACHE_HOME", xdgCacheHome.toString());
        env.put("XDG_RUNTIME_DIR", xdgRuntimeDir.toString());
        return Collections.unmodifiableMap(env);
    }

    /**
     * The system properties {@link HermeticHome} sets while a test class runs.
     *
     * @return {@value #STEVEDORE_HOME}, {@value #DOCKER_CONFIG} and the four {@code xdg.*} properties
     */
    public Map<String, String> systemProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(STEVEDORE_HOME, stevedoreHome.toString());
        properties.put(DOCKER_CONFIG, dockerConfig.toString());
        properties.put(XDG_CONFIG_HOME, xdgConfigHome.toString());
        properties.put(XDG_DATA_HOME, xdgDataHome.toString());
        properties.put(XDG_CACHE_HOME, xdgCacheHome.toString());
        properties.put(XDG_RUNTIME_DIR, xdgRuntimeDir.toString());
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Adds {@link #env()} to a process builder's environment.
     *
     * <pre>{@code Process p = env.applyTo(new ProcessBuilder("sh", "-c", "echo $HOME")).start();}</pre>
     *
     * @param builder the process builder to change
     * @return the same builder
     */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        builder.environment().putAll(env());
        return builder;
    }
}

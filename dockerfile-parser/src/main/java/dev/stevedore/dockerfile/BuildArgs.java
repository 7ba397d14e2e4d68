package dev.stevedore.dockerfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller of a build decides, as {@code docker build} flags: the {@code --build-arg}
 * values, the {@code --platform} to build for, the platform building, and the
 * {@code --target} stage. {@link StageGraph} and {@link Scope} read it.
 *
 * <pre>{@code
 * BuildArgs args = BuildArgs.of(Map.of("VERSION", "1.2", "HTTP_PROXY", "http://proxy:3128"))
 *         .withPlatform(Platform.parse("linux/arm64"))
 *         .withTarget("release");
 * args.targetPlatform();   // linux/arm64
 * args.buildPlatform();    // this machine, e.g. linux/amd64
 * }</pre>
 *
 * @param values the {@code --build-arg} values by name, in the caller's order
 * @param targetPlatform the platform of the result ({@code TARGETPLATFORM})
 * @param buildPlatform the platform running the build ({@code BUILDPLATFORM})
 * @param target the stage to build, if not the last one
 */
public record BuildArgs(Map<String, String> values, Platform targetPlatform, Platform buildPlatform,
        Optional<String> target) {

    /** Checks for nulls and copies the map. */
    public BuildArgs {
        Objects.requireNonNull(targetPlatform, "targetPlatform");
        Objects.requireNonNull(buildPlatform, "buildPlatform");
        Objects.requireNonNull(target, "target");
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "build-arg name"),
                Objects.requireNonNull(v, "build-arg value")));
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * No build arguments, building for and on this machine's platform, the last stage.
     *
     * @return the defaults
     */
    public static BuildArgs none() {
        return of(Map.of());
    }

    /**
     * The given {@code --build-arg} values, building for and on this machine's platform.
     *
     * @param values names to values
     * @return the arguments
     */
    public static BuildArgs of(Map<String, String> values) {
        Platform host = Platform.host();
        return new BuildArgs(values, host, host, Optional.empty());
    }

    /**
     * Returns a copy building for {@code platform} ({@code docker build --platform}).
     *
     * @param platform the target platform
     * @return the new arguments
     */
    public BuildArgs withPlatform(Platform platform) {
        return new BuildArgs(values, platform, buildPlatform, target);
    }

    /**
     * Returns a copy for a build running on {@code platform}.
     *
     * @param platform the build platform
     * @return the new arguments
     */
    public BuildArgs withBuildPlatform(Platform platform) {
        return new BuildArgs(values, targetPlatform, platform, target);
    }

    /**
     * Returns a copy building stage {@code name} ({@code docker build --target}).
     *
     * @param name a stage name, in any case
     * @return the new arguments
     */
    public BuildArgs withTarget(String name) {
        return new BuildArgs(values, targetPlatform, buildPlatform, Optional.of(name).filter(n -> !n.isEmpty()));
    }

    /**
     * Returns one value.
     *
     * @param name the argument's name, case-sensitive
     * @return the value given with {@code --build-arg}, if any
     */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }
}

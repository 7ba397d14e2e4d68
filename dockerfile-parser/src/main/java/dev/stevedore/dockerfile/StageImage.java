package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the builder learned about a base image from its config, which scoping and some lint
 * checks need: its environment ({@code Config.Env}), its {@code Config.Shell} and its platform.
 *
 * <pre>{@code
 * StageImage golang = StageImage.of(List.of("PATH=/usr/local/go/bin:/usr/bin:/bin", "GOLANG_VERSION=1.22.5"));
 * Scope scope = Scope.resolve(df, BuildArgs.none(), Map.of("golang:1.22", golang));
 * }</pre>
 *
 * @param env the image's {@code NAME=value} environment entries
 * @param shell the image's {@code SHELL}, empty when it sets none (nearly every image)
 * @param platform the platform the pulled image is for, if known
 */
public record StageImage(List<String> env, List<String> shell, Optional<Platform> platform) {
    /** Copies the lists. */
    public StageImage {
        env = List.copyOf(env);
        shell = List.copyOf(shell);
        Objects.requireNonNull(platform, "platform");
    }

    /**
     * An image with this environment, no shell, platform unknown.
     *
     * @param env {@code NAME=value} entries
     * @return the image
     */
    public static StageImage of(List<String> env) {
        return new StageImage(env, List.of(), Optional.empty());
    }

    /**
     * Returns a copy that knows the image's platform.
     *
     * @param platform the pulled image's platform
     * @return the new value
     */
    public StageImage withPlatform(Platform platform) {
        return new StageImage(env, shell, Optional.of(platform));
    }
}

package dev.stevedore.dockerfile;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build knows beyond the Dockerfile, for the checks that need it: build arguments,
 * platforms and target; each base image's environment and platform ({@code UndefinedVar},
 * {@code InvalidBaseImagePlatform}); the context's {@code .dockerignore}
 * ({@code CopyIgnoredFile}). The builder fills it; {@link #none()} lints the file alone.
 *
 * <pre>{@code
 * LintContext ctx = LintContext.none()
 *         .withArgs(BuildArgs.of(Map.of("VERSION", "1.2")))
 *         .withImages(Map.of("alpine:3.20", StageImage.of(alpineEnv).withPlatform(Platform.parse("linux/amd64"))))
 *         .withIgnore(IgnoreFiles.forBuild(contextDir, dockerfilePath).matcher());
 * LintResult result = Lint.check(df, ctx);
 * }</pre>
 *
 * @param args build arguments, platforms and target ({@code --target} lints only the stages it needs)
 * @param images what is known of each base image, by its {@code FROM} name after expansion
 * @param ignore the context's ignore patterns, if known
 */
public record LintContext(BuildArgs args, Map<String, StageImage> images, Optional<PatternMatcher> ignore) {
    /** Checks for nulls and copies the map. */
    public LintContext {
        Objects.requireNonNull(args, "args");
        images = Map.copyOf(images);
        Objects.requireNonNull(ignore, "ignore");
    }

    /**
     * No build context: default arguments, no image knowledge, no ignore file.
     *
     * @return the empty context
     */
    public static LintContext none() {
        return new LintContext(BuildArgs.none(), Map.of(), Optional.empty());
    }

    /**
     * Returns a copy with these build arguments.
     *
     * @param args the arguments
     * @return the new context
     */
    public LintContext withArgs(BuildArgs args) {
        return new LintContext(args, images, ignore);
    }

    /**
     * Returns a copy knowing these base images.
     *
     * @param images by {@code FROM} name after expansion
     * @return the new context
     */
    public LintContext withImages(Map<String, StageImage> images) {
        return new LintContext(args, images, ignore);
    }

    /**
     * Returns a copy with the context's ignore patterns ({@link PatternMatcher#none()} if the
     * context has no {@code .dockerignore}).
     *
     * @param matcher the patterns
     * @return the new context
     */
    public LintContext withIgnore(PatternMatcher matcher) {
        return new LintContext(args, images, Optional.of(matcher));
    }
}

package dev.stevedore;

import dev.stevedore.dockerfile.BuildArgs;
import dev.stevedore.dockerfile.BuildStage;
import dev.stevedore.dockerfile.Dockerfile;
import dev.stevedore.dockerfile.Lint;
import dev.stevedore.dockerfile.LintContext;
import dev.stevedore.dockerfile.LintFinding;
import dev.stevedore.dockerfile.LintResult;
import dev.stevedore.dockerfile.PatternMatcher;
import dev.stevedore.dockerfile.StageImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parser's Dockerfile checks ({@link Lint}, as {@code docker build} runs them) at the start
 * of a build: with the build's arguments, target and platform, the context's ignore patterns
 * (for {@code CopyIgnoredFile}) and what the store already has of the base images (their
 * environment and platform; a base image not here yet is not pulled for this, and the checks
 * needing it are skipped). Each finding goes to {@link BuildListener#warning} as
 * {@code Dockerfile:LINE: Rule: message}. With {@code # check=error=true} (or the
 * {@code BUILDKIT_DOCKERFILE_CHECK} build argument) any finding fails the build before a
 * step runs.
 */
final class BuildLint {
    private BuildLint() {
    }

    static void run(BuilderRun build, Dockerfile dockerfile, BuildScope global, PatternMatcher ignore) {
        dev.stevedore.dockerfile.Platform platform = BuildFromPlatform.normalized(build.images.platform());
        BuildArgs args = new BuildArgs(build.settings.buildArgs(), platform, platform, Optional.empty());
        if (build.settings.target().isPresent()) {
            args = args.withTarget(build.settings.target().get());
        }
        LintContext context = LintContext.none().withArgs(args).withIgnore(ignore)
                .withImages(knownImages(build, dockerfile, global));
        LintResult result;
        try {
            result = Lint.check(dockerfile, context);
        } catch (RuntimeException e) {
            build.listener().warning("Dockerfile: the checks could not run: " + e);
            return;
        }
        List<String> lines = new ArrayList<>();
        for (LintFinding f : result.findings()) {
            String line = "Dockerfile:" + f.line() + ": " + f.rule().ruleName() + ": " + f.message();
            lines.add(line);
            build.listener().warning(line);
        }
        if (result.error().isPresent() && result.options().error() && !lines.isEmpty()) {
            throw new BuildException(result.error().get().getMessage() + " (# check=error=true)\n  "
                    + String.join("\n  ", lines), result.error().get());
        }
        if (result.error().isPresent() && result.error().get().getMessage().contains("failed to parse check options")) {
            throw new BuildException(result.error().get().getMessage(), result.error().get());
        }
    }

    /** The base images of the file the store already has, by their FROM name after expansion. */
    private static Map<String, StageImage> knownImages(BuilderRun build, Dockerfile dockerfile, BuildScope global) {
        Map<String, StageImage> out = new LinkedHashMap<>();
        for (BuildStage stage : dockerfile.stages()) {
            String ref;
            try {
                ref = global.expandGlobal(stage.from().image());
            } catch (RuntimeException e) {
                continue;
            }
            if (ref.isEmpty() || ref.equalsIgnoreCase("scratch") || out.containsKey(ref)
                    || build.stageIndex(ref, stage.index()).isPresent()) {
                continue;
            }
            try {
                build.images.find(ref).ifPresent(i -> out.put(ref, new StageImage(i.config().config().env(),
                        i.config().config().shell(), Optional.of(new dev.stevedore.dockerfile.Platform(
                                i.config().os(), i.config().architecture(), i.config().variant().orElse(""))))));
            } catch (RuntimeException e) {
                continue; // not a valid reference here: the build reports it
            }
        }
        return out;
    }
}

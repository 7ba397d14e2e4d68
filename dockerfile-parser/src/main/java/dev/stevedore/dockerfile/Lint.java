package dev.stevedore.dockerfile;

import java.util.Objects;
import java.util.Optional;

/**
 * BuildKit's Dockerfile checks ({@code docker build --check}), with their names, messages and
 * lines: the checks of parsing, of stage resolution and of dispatch, configured by the file's
 * {@code # check=} directive and by {@code # check=} comments above single instructions.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse(Path.of("Dockerfile"));
 * LintResult result = Lint.check(df);
 * for (LintFinding f : result.findings()) {
 *     System.out.println("Dockerfile:" + f.line() + ": " + f.rule().ruleName() + ": " + f.message());
 * }
 * result.skipped();   // checks that need build context, e.g. CopyIgnoredFile without a .dockerignore
 * }</pre>
 *
 * <p>Without a {@code --target}, every stage is checked (BuildKit's lint request); with one,
 * the stages it needs. Checks that need what only a build knows take it from the
 * {@link LintContext}; where it lacks something they report a {@link LintSkipped} instead of
 * guessing. Every rule of {@link LintRule} is implemented; {@code InvalidDefinitionDescription}
 * is experimental and runs only with {@code # check=experimental=...}.
 */
public final class Lint {
    private Lint() {
    }

    /**
     * Checks a Dockerfile alone.
     *
     * @param dockerfile the parsed file
     * @return the findings
     */
    public static LintResult check(Dockerfile dockerfile) {
        return check(dockerfile, LintContext.none());
    }

    /**
     * Checks a Dockerfile with what the build knows.
     *
     * @param dockerfile the parsed file
     * @param context build arguments, base images, ignore patterns
     * @return the findings, and the error that ended checking if any (never thrown)
     */
    public static LintResult check(Dockerfile dockerfile, LintContext context) {
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(context, "context");
        CheckOptions options;
        try {
            options = CheckOptions.parse(checkValue(dockerfile, context.args()));
        } catch (IllegalArgumentException e) {
            int line = dockerfile.directives().stream().filter(d -> d.name().equals(Directive.CHECK))
                    .mapToInt(Directive::line).findFirst().orElse(1);
            DockerfileException error = ScopeErrors.at(dockerfile.name(), Location.of(line, line),
                    "failed to parse check options: " + e.getMessage());
            return new LintResult(java.util.List.of(), java.util.List.of(), Optional.of(error), CheckOptions.none());
        }
        LintCollector collector = new LintCollector(options);
        Optional<DockerfileException> error;
        try {
            LintParseChecks.run(dockerfile, collector);
            boolean allStages = context.args().target().isEmpty();
            StageResolution resolution = new StageGraphBuilder(dockerfile, context.args(), collector)
                    .resolve(allStages);
            new ScopeDispatcher(dockerfile, context.args(), context.images(), resolution, collector,
                    context.ignore()).run();
            error = collector.violation();
        } catch (DockerfileException e) {
            error = Optional.of(e);
        }
        return collector.result(error);
    }

    /** The {@code BUILDKIT_DOCKERFILE_CHECK} build argument, else the directive up to its first space. */
    private static String checkValue(Dockerfile dockerfile, BuildArgs args) {
        Optional<String> fromArgs = args.value("BUILDKIT_DOCKERFILE_CHECK");
        if (fromArgs.isPresent()) {
            return fromArgs.get();
        }
        String value = dockerfile.check().orElse("");
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }
}

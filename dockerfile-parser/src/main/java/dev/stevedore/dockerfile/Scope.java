package dev.stevedore.dockerfile;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ARG} and {@code ENV} scoping of a build, computed as BuildKit computes it, without
 * running anything: for every instruction of every stage the build needs, the variables in
 * scope and its words expanded. A pure function of the Dockerfile, the build arguments and
 * what the builder knows of the base images.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse(Path.of("Dockerfile"));
 * BuildArgs args = BuildArgs.of(Map.of("VERSION", "2.1")).withPlatform(Platform.parse("linux/arm64"));
 * Scope scope = Scope.resolve(df, args, Map.of("alpine:3.20", StageImage.of(alpineConfigEnv)));
 * for (StageScope stage : scope.stages()) {           // dependencies first
 *     for (ScopedInstruction i : stage.instructions()) {
 *         builder.dispatch(i.expanded(), i.env(), i.proxyEnv());
 *     }
 * }
 * scope.unusedBuildArgs();                             // [] or the names nothing declared
 * }</pre>
 *
 * <p><b>The rules, all BuildKit's.</b>
 * <ul>
 *   <li>{@code ARG}s before the first {@code FROM} are global: only {@code FROM} lines see them
 *       ({@link StageGraph#globalArgs()}); inside a stage, {@code ARG NAME} without a default
 *       imports the global value.</li>
 *   <li>A stage {@code ARG} takes its {@code --build-arg} value, else its default (expanded),
 *       else the global value; it is visible from the next instruction on, in this stage and
 *       stages based on it, and is an environment variable of {@code RUN}.</li>
 *   <li>The automatic arguments {@code TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT
 *       BUILDPLATFORM BUILDOS BUILDARCH BUILDVARIANT} (and {@code TARGETSTAGE},
 *       {@code TARGETOSVERSION}, {@code BUILDOSVERSION}) are global: a stage sees one after
 *       {@code ARG NAME}. A {@code --build-arg} of the same name overrides one.</li>
 *   <li>The proxy arguments ({@code HTTP_PROXY http_proxy HTTPS_PROXY https_proxy FTP_PROXY
 *       ftp_proxy NO_PROXY no_proxy ALL_PROXY all_proxy}, names matched in any case) reach every
 *       {@code RUN} through {@link ScopedInstruction#proxyEnv()} without a declaration, and stay
 *       out of its {@link ScopedInstruction#historyArgs()}; declared with {@code ARG} they are
 *       ordinary arguments.</li>
 *   <li>{@code ENV} sets a variable for the following instructions and the image; an {@code ENV}
 *       after an {@code ARG} of the same name shadows it. (An {@code ARG} with a value after an
 *       {@code ENV} replaces the variable for the rest of the stage, not in the image config.)</li>
 *   <li>A stage starts from its base image's environment ({@link StageImage}), with
 *       {@code PATH} added if the image has none; a stage based on another starts from that
 *       stage's variables and arguments.</li>
 * </ul>
 */
public final class Scope {
    private final StageGraph graph;
    private final List<StageScope> stages;
    private final Set<String> unusedBuildArgs;

    private Scope(StageGraph graph, List<StageScope> stages, Set<String> unusedBuildArgs) {
        this.graph = graph;
        this.stages = List.copyOf(stages);
        this.unusedBuildArgs = Collections.unmodifiableSet(new LinkedHashSet<>(unusedBuildArgs));
    }

    /**
     * Scopes a build whose base images' environments are unknown (each image stage then
     * starts with {@code PATH} only).
     *
     * @param dockerfile the parsed file
     * @param args build arguments, platforms and target
     * @return the scope
     * @throws DockerfileException at the offending line: stage errors as {@link StageGraph#resolve},
     *     expansion errors ({@code ${NAME:?message}}, bad syntax), invalid values after expansion
     */
    public static Scope resolve(Dockerfile dockerfile, BuildArgs args) {
        return resolve(dockerfile, args, Map.of());
    }

    /**
     * Scopes a build.
     *
     * @param dockerfile the parsed file
     * @param args build arguments, platforms and target
     * @param images what is known of each base image, by the name its {@code FROM} has after
     *     expansion ({@link StageNode#baseName()})
     * @return the scope
     * @throws DockerfileException at the offending line, as {@link #resolve(Dockerfile, BuildArgs)}
     */
    public static Scope resolve(Dockerfile dockerfile, BuildArgs args, Map<String, StageImage> images) {
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(args, "args");
        Map<String, StageImage> known = Map.copyOf(images);
        StageResolution resolution = new StageGraphBuilder(dockerfile, args, LintSink.NONE).resolve(false);
        ScopeDispatcher dispatcher = new ScopeDispatcher(dockerfile, args, known, resolution, LintSink.NONE,
                Optional.empty());
        List<StageScope> stages = dispatcher.run();
        return new Scope(resolution.graph(), stages, dispatcher.unusedBuildArgs());
    }

    /**
     * Returns the resolved stages.
     *
     * @return the graph
     */
    public StageGraph graph() {
        return graph;
    }

    /**
     * Returns the stages the build needs, in {@link StageGraph#buildOrder()}.
     *
     * @return the scoped stages
     */
    public List<StageScope> stages() {
        return stages;
    }

    /**
     * Returns one stage's scope.
     *
     * @param stage a stage of {@link #graph()}
     * @return its scope, if the build needs it
     */
    public Optional<StageScope> stage(StageNode stage) {
        return stages.stream().filter(s -> s.stage().index() == stage.index()).findFirst();
    }

    /**
     * Returns the {@code --build-arg} names nothing consumed: no {@code ARG} of the build
     * declares them and they are neither automatic, proxy, nor BuildKit options
     * ({@code BUILDKIT_*}, {@code SOURCE_DATE_EPOCH}). BuildKit ignores these silently; the
     * classic builder warned "One or more build-args were not consumed".
     *
     * @return the names, in the caller's order
     */
    public Set<String> unusedBuildArgs() {
        return unusedBuildArgs;
    }

    /**
     * Returns the variables every {@code RUN} gets from proxy {@code --build-arg}s.
     *
     * @param args the build arguments
     * @return for example {@code {HTTP_PROXY=http://p:3128, http_proxy=http://p:3128}}
     */
    public static Map<String, String> proxyEnv(BuildArgs args) {
        return ScopeDispatcher.proxyEnv(args.values());
    }
}

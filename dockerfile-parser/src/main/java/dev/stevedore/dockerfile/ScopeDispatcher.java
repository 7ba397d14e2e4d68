package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Dispatches the stages of a resolved Dockerfile in order, as BuildKit's
 * {@code dispatchStages}, without running anything: what each instruction sees and how it
 * changes its stage, plus the lint checks BuildKit runs on the way.
 */
final class ScopeDispatcher {
    private static final List<String> PROXIES = List.of("http_proxy", "https_proxy", "ftp_proxy", "no_proxy",
            "all_proxy");

    private final Dockerfile df;
    private final BuildArgs args;
    private final Map<String, StageImage> images;
    private final StageResolution resolution;
    private final LintSink lint;
    private final Optional<PatternMatcher> ignore;
    private final ShellLexer lexer;
    private final Map<String, String> proxyEnv;
    private final Set<String> declared = new LinkedHashSet<>();

    ScopeDispatcher(Dockerfile df, BuildArgs args, Map<String, StageImage> images, StageResolution resolution,
            LintSink lint, Optional<PatternMatcher> ignore) {
        this.df = df;
        this.args = args;
        this.images = images;
        this.resolution = resolution;
        this.lint = lint;
        this.ignore = ignore;
        this.lexer = resolution.lexer();
        this.proxyEnv = proxyEnv(args.values());
    }

    List<StageScope> run() {
        Map<Integer, ScopeStage> dispatched = new HashMap<>();
        List<StageScope> out = new ArrayList<>();
        StageGraph graph = resolution.graph();
        for (int i : resolution.dispatch()) {
            StageNode node = graph.stages().get(i);
            Optional<ScopeStage> base = node.base() instanceof StageSource.Stage s
                    ? Optional.ofNullable(dispatched.get(s.index())) : Optional.empty();
            Optional<StageImage> image = node.base() instanceof StageSource.Image im
                    ? Optional.ofNullable(images.get(im.reference())) : Optional.empty();
            if (node.base() instanceof StageSource.Image im) {
                basePlatform(node, im.reference(), image);
            }
            ScopeStage stage = new ScopeStage(this, node, base, image);
            for (Instruction trigger : resolution.triggers(i)) {
                stage.dispatch(trigger, node.location(), true);
            }
            for (Instruction instruction : resolution.stages().get(i).instructions()) {
                stage.dispatch(instruction, instruction.location(), false);
            }
            dispatched.put(i, stage);
            out.add(stage.result());
        }
        return out;
    }

    /** {@code InvalidBaseImagePlatform}: the pulled image's OS and architecture against the expected ones. */
    private void basePlatform(StageNode node, String reference, Optional<StageImage> image) {
        if (!lint.active()) {
            return;
        }
        Optional<Platform> actual = image.flatMap(StageImage::platform);
        if (actual.isEmpty()) {
            lint.skipped(LintRule.INVALID_BASE_IMAGE_PLATFORM, reference);
            return;
        }
        Platform expected = node.platform().orElse(args.targetPlatform());
        if (!expected.os().equals(actual.get().os()) || !expected.architecture().equals(actual.get().architecture())) {
            lint.report(LintRule.INVALID_BASE_IMAGE_PLATFORM, node.location(), List.of(),
                    LintMessages.invalidBaseImagePlatform(node.baseName(), expected.format(), actual.get().format()));
        }
    }

    /** {@code CopyIgnoredFile} for the sources of an {@code ADD} or a {@code COPY} from the context. */
    void copyIgnored(String command, List<String> sources, ScopeChecks.At at) {
        if (!lint.active()) {
            return;
        }
        List<String> local = new ArrayList<>();
        for (String src : Rules.sourcePaths(sources)) {
            if (!src.startsWith("http://") && !src.startsWith("https://") && !src.startsWith("git@")
                    && !src.startsWith("git://") && !src.startsWith("ssh://")) {
                local.add(src);
            }
        }
        if (local.isEmpty()) {
            return;
        }
        if (ignore.isEmpty()) {
            lint.skipped(LintRule.COPY_IGNORED_FILE, ".dockerignore");
            return;
        }
        PatternMatcher matcher = ignore.get();
        if (matcher.hasExceptions()) {
            return;
        }
        for (String src : local) {
            String path = PatternPaths.clean(src);
            if ((path.equals(".") || path.equals("/")) && !rootIgnored(matcher)) {
                continue;
            }
            if (matcher.matches(path)) {
                lint.report(LintRule.COPY_IGNORED_FILE, at.location(), at.comments(),
                        LintMessages.copyIgnoredFile(command, path));
            }
        }
    }

    private static boolean rootIgnored(PatternMatcher matcher) {
        for (String pattern : matcher.patterns()) {
            if (pattern.equals("*") || pattern.equals("**") || pattern.equals("**/*")) {
                return true;
            }
        }
        return false;
    }

    /** BuildKit's {@code proxyEnvFromBuildArgs} and the variables an exec gets from it. */
    static Map<String, String> proxyEnv(Map<String, String> buildArgs) {
        Map<String, String> byKind = new HashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(buildArgs).entrySet()) {
            String lower = StageSources.lower(e.getKey());
            if (PROXIES.contains(lower)) {
                byKind.put(lower, e.getValue());
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String kind : PROXIES) {
            String v = byKind.getOrDefault(kind, "");
            if (!v.isEmpty()) {
                env.put(GoText.toUpper(kind), v);
                env.put(kind, v);
            }
        }
        return ScopeEnvView.copyOf(env);
    }

    /** The {@code --build-arg}s no declaration, automatic argument or BuildKit option consumed. */
    Set<String> unusedBuildArgs() {
        Set<String> unused = new LinkedHashSet<>();
        for (String name : args.values().keySet()) {
            boolean used = declared.contains(name) || resolution.globals().declared().contains(name)
                    || ArgResolution.AUTOMATIC.contains(name) || PROXIES.contains(StageSources.lower(name))
                    || name.startsWith("BUILDKIT_") || name.equals("SOURCE_DATE_EPOCH");
            if (!used) {
                unused.add(name);
            }
        }
        return unused;
    }

    ShellLexer lexer() {
        return lexer;
    }

    BuildArgs args() {
        return args;
    }

    LintSink lint() {
        return lint;
    }

    String fileName() {
        return df.name();
    }

    ArgResolution.Globals globals() {
        return resolution.globals();
    }

    Map<String, String> proxyEnv() {
        return proxyEnv;
    }

    void declared(String name) {
        declared.add(name);
    }

    Optional<DockerfileException> orderError(int stage, Instruction instruction) {
        return resolution.orderError(stage, instruction);
    }
}

package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stage's {@code FROM} line, expanded with the global arguments as BuildKit's
 * {@code buildDispatchStates} does, with the lint checks that run there:
 * {@code UndefinedArgInFrom}, {@code RedundantTargetPlatform},
 * {@code FromPlatformFlagConstDisallowed}, and {@code InvalidDefaultArgInFrom} before it.
 */
final class StageFromChecks {
    private StageFromChecks() {
    }

    /** A {@code FROM} after expansion; {@code base} is filled in once stage names are known. */
    record From(String baseName, StageSource base, Optional<Platform> platform) {
        From withBase(StageSource newBase) {
            return new From(baseName, newBase, platform);
        }
    }

    static From resolve(String fileName, ShellLexer lexer, ArgResolution.Globals globals, BuildStage stage,
            LintSink lint) {
        Instruction.From from = stage.from();
        Expansion name = expand(fileName, lexer, from.image(), globals.env(), from.location());
        undeclared(globals, name.unmatched(), from, lint);
        if (name.result().isEmpty()) {
            throw ScopeErrors.at(fileName, from.location(), "base name (" + from.image() + ") should not be blank");
        }
        Optional<Platform> platform = Optional.empty();
        if (from.platform().isPresent()) {
            String raw = from.platform().get();
            Expansion p;
            try {
                p = ScopeExpander.process(lexer, raw, globals.env());
            } catch (DockerfileException e) {
                String reason = e instanceof ShellExpansionException s ? s.reason() : e.reason();
                throw ScopeErrors.at(fileName, from.location(), "failed to process arguments for platform : "
                        + reason);
            }
            undeclared(globals, p.unmatched(), from, lint);
            redundantTargetPlatform(raw, p, globals.env(), from, lint);
            constPlatform(StageSources.name(stage).orElse(""), p, from, lint);
            if (p.result().isEmpty()) {
                throw ScopeErrors.at(fileName, from.location(), suggest("empty platform value from expression "
                        + raw, p.unmatched(), globals.env().keys()));
            }
            try {
                platform = Optional.of(Platform.parse(p.result()));
            } catch (IllegalArgumentException e) {
                throw ScopeErrors.at(fileName, from.location(), "failed to parse platform " + raw + ": "
                        + suggest(e.getMessage(), p.unmatched(), globals.env().keys()));
            }
        }
        return new From(name.result(), new StageSource.Scratch(), platform);
    }

    private static Expansion expand(String fileName, ShellLexer lexer, String word, ShellEnv env, Location at) {
        try {
            return ScopeExpander.process(lexer, word, env);
        } catch (DockerfileException e) {
            throw ScopeErrors.at(fileName, at, e);
        }
    }

    /** BuildKit's {@code wrapSuggestAny}: the hint for the first unset name close to a set one. */
    private static String suggest(String message, Set<String> unmatched, List<String> options) {
        for (String name : unmatched) {
            Optional<String> match = Suggestions.search(name, options, true);
            if (match.isPresent()) {
                return message + " (did you mean " + match.get() + "?)";
            }
        }
        return message;
    }

    private static void undeclared(ArgResolution.Globals globals, Set<String> unmatched, Instruction.From from,
            LintSink lint) {
        if (unmatched.isEmpty() || !lint.active()) {
            return;
        }
        List<String> usable = globals.usable();
        for (String arg : unmatched) {
            if (!usable.contains(arg)) {
                String hint = Suggestions.search(arg, usable, true).orElse("");
                lint.report(LintRule.UNDEFINED_ARG_IN_FROM, from.location(), from.comments(),
                        LintMessages.undefinedArgInFrom(arg, hint));
            }
        }
    }

    private static void redundantTargetPlatform(String raw, Expansion p, ScopeEnv env, Instruction.From from,
            LintSink lint) {
        if (p.matched().size() == 1 && p.unmatched().isEmpty() && p.matched().contains("TARGETPLATFORM")
                && p.result().equals(env.get("TARGETPLATFORM").orElse(""))) {
            lint.report(LintRule.REDUNDANT_TARGET_PLATFORM, from.location(), from.comments(),
                    LintMessages.redundantTargetPlatform(raw));
        }
    }

    private static void constPlatform(String stageName, Expansion p, Instruction.From from, LintSink lint) {
        if (!p.matched().isEmpty() || !p.unmatched().isEmpty()) {
            return;
        }
        Optional<Platform> platform = Platform.tryParse(p.result());
        if (platform.isEmpty() || stageName.contains(platform.get().os())
                || stageName.contains(platform.get().architecture())) {
            return;
        }
        lint.report(LintRule.FROM_PLATFORM_FLAG_CONST_DISALLOWED, from.location(), from.comments(),
                LintMessages.fromPlatformFlagConstDisallowed(p.result()));
    }

    /**
     * {@code InvalidDefaultArgInFrom}: each {@code FROM} expanded with the global arguments'
     * defaults alone must be a valid image reference. Gives up quietly if a default fails.
     */
    static void invalidDefaults(Dockerfile df, ShellLexer lexer, ScopeEnv automatic, LintSink lint) {
        ArgResolution.Globals defaults;
        try {
            defaults = ArgResolution.globals(automatic, lexer, df.globalArgs(), Map.of(), df.name());
        } catch (DockerfileException e) {
            return;
        }
        for (BuildStage stage : df.stages()) {
            String result;
            try {
                result = lexer.processWord(stage.from().image(), defaults.env()).result();
            } catch (DockerfileException e) {
                return;
            }
            if (!StageReference.isValid(result)) {
                lint.report(LintRule.INVALID_DEFAULT_ARG_IN_FROM, stage.from().location(), List.of(),
                        LintMessages.invalidDefaultArgInFrom(stage.from().image()));
            }
        }
    }
}

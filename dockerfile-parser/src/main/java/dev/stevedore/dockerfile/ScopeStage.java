package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One stage being dispatched: BuildKit's {@code dispatchState} reduced to what scoping and
 * the dispatch-time lint checks read (variables, declared arguments, shell, first
 * {@code WORKDIR}, the last {@code CMD}/{@code ENTRYPOINT}/{@code HEALTHCHECK}).
 */
final class ScopeStage {
    private final ScopeDispatcher ctx;
    private final StageNode node;
    private final ScopeEnv env;
    private final List<String> imageEnv;
    private final List<ArgDeclaration> buildArgs;
    private final Set<String> buildArgNames;
    private final List<ScopedInstruction> done = new ArrayList<>();
    private final String os;
    private final Optional<String> unknownImage;
    private List<String> shell;
    private boolean workdirSet;
    private Location cmd;
    private Location entrypoint;
    private Location healthcheck;
    /** The last history arguments, valid while the variables and declared arguments are unchanged. */
    private Map<String, String> historyEnv;
    private int historySize = -1;
    private List<String> history;

    ScopeStage(ScopeDispatcher ctx, StageNode node, Optional<ScopeStage> base, Optional<StageImage> image) {
        this.ctx = ctx;
        this.node = node;
        if (base.isPresent()) {
            ScopeStage b = base.get();
            env = b.env.copy();
            imageEnv = new ArrayList<>(b.imageEnv);
            buildArgs = new ArrayList<>(b.buildArgs);
            buildArgNames = new HashSet<>(b.buildArgNames);
            shell = b.shell;
            workdirSet = b.workdirSet;
            os = b.os;
            unknownImage = b.unknownImage;
        } else {
            env = new ScopeEnv();
            imageEnv = new ArrayList<>(image.map(StageImage::env).orElse(List.of()));
            buildArgs = new ArrayList<>();
            buildArgNames = new HashSet<>();
            shell = image.map(StageImage::shell).orElse(List.of());
            os = node.platform().map(Platform::os).orElse(ctx.args().targetPlatform().os());
            unknownImage = node.base() instanceof StageSource.Image i && image.isEmpty() ? Optional.of(i.reference())
                    : Optional.empty();
        }
        if (!os.equals("windows") && !hasPath(imageEnv)) {
            imageEnv.add("PATH=" + ScopeEnv.DEFAULT_PATH);
        }
        for (String entry : imageEnv) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
    }

    private static boolean hasPath(List<String> env) {
        for (String e : env) {
            if (e.equals("PATH") || e.startsWith("PATH=")) {
                return true;
            }
        }
        return false;
    }

    void dispatch(Instruction instruction, Location location, boolean onBuild) {
        ScopeChecks.At at = new ScopeChecks.At(location, onBuild ? List.of() : instruction.comments());
        Map<String, String> before = env.snapshot();
        Set<String> unset = new LinkedHashSet<>();
        Instruction expanded;
        try {
            expanded = instruction instanceof Instruction.Arg arg ? arg(arg, at, unset)
                    : new ScopeExpander(ctx.lexer(), env, names -> unmatched(names, at, unset)).expand(instruction);
            ctx.orderError(node.index(), instruction).ifPresent(e -> {
                throw e;
            });
            apply(expanded, at);
        } catch (DockerfileException e) {
            throw ScopeErrors.at(ctx.fileName(), location, e);
        } catch (IllegalArgumentException e) {
            throw ScopeErrors.at(ctx.fileName(), location, e.getMessage());
        }
        boolean run = expanded instanceof Instruction.Run;
        done.add(new ScopedInstruction(instruction, expanded, location, onBuild, before, unset,
                run ? historyArgs() : List.of(), run ? ctx.proxyEnv() : Map.of()));
    }

    private void unmatched(Set<String> names, ScopeChecks.At at, Set<String> unset) {
        for (String name : names) {
            if (buildArgNames.contains(name) || ArgResolution.NON_ENV.contains(name)) {
                continue;
            }
            unset.add(name);
            if (unknownImage.isPresent()) {
                ctx.lint().skipped(LintRule.UNDEFINED_VAR, unknownImage.get());
            } else if (ctx.lint().active()) {
                String hint = Suggestions.search(name, env.keys(), true).orElse("");
                ctx.lint().report(LintRule.UNDEFINED_VAR, at.location(), at.comments(),
                        LintMessages.undefinedVar(name, hint));
            }
        }
    }

    /** BuildKit's {@code dispatchArg}: each name takes a {@code --build-arg}, its default, or the global value. */
    private Instruction arg(Instruction.Arg arg, ScopeChecks.At at, Set<String> unset) {
        List<ArgDeclaration> resolved = new ArrayList<>(arg.declarations().size());
        for (ArgDeclaration d : arg.declarations()) {
            String name = d.name();
            ScopeChecks.secret("ARG", name, at, ctx.lint());
            Optional<String> given = ctx.args().value(name);
            Optional<String> value = d.defaultValue();
            if (value.isEmpty() && given.isEmpty()) {
                value = ctx.globals().env().get(name);
            }
            if (given.isPresent()) {
                value = given;
            } else if (d.defaultValue().isPresent()) {
                Expansion e = ScopeExpander.process(ctx.lexer(), d.defaultValue().get(), env);
                if (!e.unmatched().isEmpty()) {
                    unmatched(e.unmatched(), at, unset);
                }
                value = Optional.of(e.result());
            }
            if (value.isPresent() && !ArgResolution.NON_ENV.contains(name)) {
                env.put(name, value.get());
            }
            resolved.add(new ArgDeclaration(name, value));
            buildArgs.add(resolved.get(resolved.size() - 1));
            buildArgNames.add(name);
            ctx.declared(name);
        }
        return resolved.equals(arg.declarations()) ? arg
                : new Instruction.Arg(arg.location(), arg.keyword(), arg.comments(), arg.flags(), resolved);
    }

    /** The instruction's effect on the stage, and its dispatch-time lint checks. */
    private void apply(Instruction expanded, ScopeChecks.At at) {
        LintSink lint = ctx.lint();
        if (expanded instanceof Instruction.Env e) {
            for (KeyValue kv : e.variables()) {
                if (e.legacyForm()) {
                    lint.report(LintRule.LEGACY_KEY_VALUE_FORMAT, at.location(), at.comments(),
                            LintMessages.legacyKeyValueFormat(e.keyword()));
                }
                ScopeChecks.secret("ENV", kv.key(), at, lint);
                env.put(kv.key(), kv.value());
                addImageEnv(kv.key(), kv.value());
            }
        } else if (expanded instanceof Instruction.Label l) {
            if (l.legacyForm()) {
                lint.report(LintRule.LEGACY_KEY_VALUE_FORMAT, at.location(), at.comments(),
                        LintMessages.legacyKeyValueFormat(l.keyword()));
            }
        } else if (expanded instanceof Instruction.Workdir w) {
            if (!workdirSet && !ScopeChecks.isAbsolute(w.path(), os)) {
                lint.report(LintRule.WORKDIR_RELATIVE_PATH, at.location(), at.comments(),
                        LintMessages.workdirRelativePath(w.path()));
            }
            workdirSet = true;
        } else if (expanded instanceof Instruction.Add a) {
            ctx.copyIgnored("Add", a.sources(), at);
        } else if (expanded instanceof Instruction.Copy c) {
            if (StageSources.flag(c.flags(), "--from=").isEmpty()) {
                ctx.copyIgnored("Copy", c.sources(), at);
            }
        } else if (expanded instanceof Instruction.Cmd c) {
            cmd = usedOnce(cmd, c.keyword(), at);
            jsonArgs(c.command(), c.keyword(), at);
        } else if (expanded instanceof Instruction.Entrypoint e) {
            entrypoint = usedOnce(entrypoint, e.keyword(), at);
            jsonArgs(e.command(), e.keyword(), at);
        } else if (expanded instanceof Instruction.Healthcheck h) {
            healthcheck = usedOnce(healthcheck, h.keyword(), at);
        } else if (expanded instanceof Instruction.Expose x) {
            ScopeChecks.ports(x.ports(), at, lint);
        } else if (expanded instanceof Instruction.Shell s) {
            shell = s.shell();
        }
    }

    private Location usedOnce(Location previous, String keyword, ScopeChecks.At at) {
        if (previous != null) {
            ctx.lint().report(LintRule.MULTIPLE_INSTRUCTIONS_DISALLOWED, previous, at.comments(),
                    LintMessages.multipleInstructionsDisallowed(keyword));
        }
        return at.location();
    }

    private void jsonArgs(CommandLine command, String keyword, ScopeChecks.At at) {
        if (!command.execForm() && shell.isEmpty()) {
            ctx.lint().report(LintRule.JSON_ARGS_RECOMMENDED, at.location(), at.comments(),
                    LintMessages.jsonArgsRecommended(keyword));
        }
    }

    /** BuildKit's {@code addEnv}: replaces the first entry of the name in place, else appends. */
    private void addImageEnv(String key, String value) {
        for (int k = 0; k < imageEnv.size(); k++) {
            String entry = imageEnv.get(k);
            int eq = entry.indexOf('=');
            if ((eq < 0 ? entry : entry.substring(0, eq)).equals(key)) {
                imageEnv.set(k, key + "=" + value);
                return;
            }
        }
        imageEnv.add(key + "=" + value);
    }

    /** BuildKit's {@code runCommandString} arguments: each declared ARG once, at its first place. */
    private List<String> historyArgs() {
        if (buildArgs.isEmpty()) {
            return List.of();
        }
        Map<String, String> snapshot = env.snapshot();
        if (snapshot == historyEnv && buildArgs.size() == historySize) {
            return history;
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (ArgDeclaration a : buildArgs) {
            String v = env.value(a.name());
            args.put(a.name(), v != null ? v : a.defaultValue().orElse(""));
        }
        List<String> out = new ArrayList<>(args.size());
        args.forEach((k, v) -> out.add(k + "=" + v));
        historyEnv = snapshot;
        historySize = buildArgs.size();
        history = List.copyOf(out);
        return history;
    }

    StageScope result() {
        return new StageScope(node, done, env.snapshot(), imageEnv, shell, unknownImage.isEmpty());
    }
}

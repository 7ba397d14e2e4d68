package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves stages as BuildKit's {@code toDispatchState} does up to dispatch: global arguments,
 * {@code FROM} expansion and its lint checks, the target, each instruction's sources, cycles,
 * reachability and {@code ONBUILD} triggers.
 */
final class StageGraphBuilder {
    private final Dockerfile df;
    private final BuildArgs args;
    private final LintSink lint;
    private final ShellLexer lexer;
    private final List<BuildStage> stages;
    private final Map<String, Integer> byName = new HashMap<>();
    private final StageSources sources;

    StageGraphBuilder(Dockerfile df, BuildArgs args, LintSink lint) {
        this.df = df;
        this.args = args;
        this.lint = lint;
        this.lexer = ShellLexer.withEscape(df.escapeToken());
        this.stages = df.stages();
        this.sources = new StageSources(df.name(), lexer, byName, stages.size());
    }

    StageResolution resolve(boolean allStages) {
        String targetName = args.target().orElse(StageSources.name(stages.get(stages.size() - 1)).orElse(""));
        ScopeEnv automatic = ArgResolution.automatic(args, targetName);
        if (lint.active()) {
            StageFromChecks.invalidDefaults(df, lexer, automatic, lint);
        }
        ArgResolution.Globals globals = ArgResolution.globals(automatic, lexer, df.globalArgs(), args.values(),
                df.name());
        List<StageFromChecks.From> froms = new ArrayList<>();
        for (BuildStage stage : stages) {
            StageFromChecks.From from = StageFromChecks.resolve(df.name(), lexer, globals, stage, lint);
            Integer base = byName.get(from.baseName());
            froms.add(from.withBase(base == null ? imageOrScratch(from.baseName()) : new StageSource.Stage(base)));
            StageSources.name(stage).ifPresent(name -> byName.put(name, stage.index()));
        }
        int target = target();
        List<List<Owned>> owned = new ArrayList<>();
        for (BuildStage stage : stages) {
            List<Owned> list = new ArrayList<>();
            for (Instruction i : stage.instructions()) {
                for (StageDependency d : sources.of(i, i.location(), false)) {
                    list.add(new Owned(d, i));
                }
            }
            owned.add(list);
        }
        StageCycles.check(df.name(), stages, owned);

        Map<Integer, List<Instruction>> triggers = new HashMap<>();
        Set<Integer> reachable = reachable(target, froms, owned);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int i : List.copyOf(reachable)) {
                if (triggers.containsKey(i)) {
                    continue;
                }
                List<Instruction> ts = triggers(froms.get(i).base());
                triggers.put(i, ts);
                List<Owned> added = new ArrayList<>();
                for (Instruction t : ts) {
                    for (StageDependency d : sources.of(t, stages.get(i).from().location(), true)) {
                        added.add(new Owned(d, t));
                    }
                }
                owned.get(i).addAll(0, added);
                grew |= !added.isEmpty();
            }
            if (grew) {
                reachable = reachable(target, froms, owned);
            }
        }

        List<StageNode> nodes = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            StageFromChecks.From from = froms.get(i);
            BuildStage stage = stages.get(i);
            nodes.add(new StageNode(i, StageSources.name(stage), stage.from().location(), from.baseName(), from.base(),
                    from.platform(), owned.get(i).stream().map(Owned::dependency).toList()));
        }
        List<Integer> order = new ArrayList<>(reachable);
        order.sort(null);
        StageGraph graph = new StageGraph(nodes, target, order, globals.env().snapshot());
        List<Integer> dispatch = allStages ? range(stages.size()) : order;
        List<StageResolution.OrderError> errors = new ArrayList<>();
        for (int i : dispatch) {
            for (Owned o : owned.get(i)) {
                if (o.dependency().source() instanceof StageSource.Stage s && s.index() > i) {
                    errors.add(new StageResolution.OrderError(i, o.instruction(),
                            sources.orderError(o.dependency(), o.instruction(), nodes.get(i).displayName())));
                }
            }
        }
        return new StageResolution(graph, stages, lexer, globals, dispatch, triggers, errors);
    }

    private static StageSource imageOrScratch(String name) {
        return name.equals("scratch") ? new StageSource.Scratch() : new StageSource.Image(name);
    }

    private int target() {
        if (args.target().isEmpty()) {
            return stages.size() - 1;
        }
        Integer found = byName.get(StageSources.lower(args.target().get()));
        if (found == null) {
            List<String> names = new ArrayList<>();
            for (BuildStage s : stages) {
                names.add(s.name().orElse("stage-" + s.index()));
            }
            throw new StageNotFoundException(args.target().get(), names);
        }
        return found;
    }

    /** The {@code ONBUILD} triggers a stage based on {@code base} runs first. */
    private List<Instruction> triggers(StageSource base) {
        if (!(base instanceof StageSource.Stage s)) {
            return List.of();
        }
        List<Instruction> out = new ArrayList<>();
        for (Instruction i : stages.get(s.index()).instructions()) {
            if (i instanceof Instruction.Onbuild onbuild) {
                out.add(onbuild.trigger());
            }
        }
        return out;
    }

    private static Set<Integer> reachable(int target, List<StageFromChecks.From> froms, List<List<Owned>> deps) {
        Set<Integer> seen = new LinkedHashSet<>();
        List<Integer> todo = new ArrayList<>(List.of(target));
        while (!todo.isEmpty()) {
            int i = todo.remove(todo.size() - 1);
            if (!seen.add(i)) {
                continue;
            }
            if (froms.get(i).base() instanceof StageSource.Stage s) {
                todo.add(s.index());
            }
            for (Owned o : deps.get(i)) {
                if (o.dependency().source() instanceof StageSource.Stage s) {
                    todo.add(s.index());
                }
            }
        }
        return seen;
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** A dependency with the instruction that has it. */
    record Owned(StageDependency dependency, Instruction instruction) {
    }
}

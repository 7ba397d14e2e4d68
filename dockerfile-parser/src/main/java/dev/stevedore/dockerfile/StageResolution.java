package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything stage resolution learns, for {@link Scope} and {@link Lint}: the graph, the
 * global arguments, the stages to dispatch, the {@code ONBUILD} triggers each stage runs
 * first, and the instructions that read a stage defined later (an error when dispatched);
 * also the file's stages and its lexer, so they are made once.
 */
record StageResolution(StageGraph graph, List<BuildStage> stages, ShellLexer lexer, ArgResolution.Globals globals,
        List<Integer> dispatch, Map<Integer, List<Instruction>> triggers, List<OrderError> orderErrors) {

    /** An instruction of a dispatched stage that reads a stage the build has not dispatched yet. */
    record OrderError(int stage, Instruction instruction, DockerfileException error) {
    }

    StageResolution {
        stages = List.copyOf(stages);
        dispatch = List.copyOf(dispatch);
        triggers = Map.copyOf(triggers);
        orderErrors = List.copyOf(orderErrors);
    }

    List<Instruction> triggers(int stage) {
        return triggers.getOrDefault(stage, List.of());
    }

    Optional<DockerfileException> orderError(int stage, Instruction instruction) {
        for (OrderError e : orderErrors) {
            if (e.stage() == stage && e.instruction() == instruction) {
                return Optional.of(e.error());
            }
        }
        return Optional.empty();
    }

    /** The error dispatch meets first, if any. */
    Optional<DockerfileException> firstOrderError() {
        return orderErrors.stream().findFirst().map(OrderError::error);
    }
}

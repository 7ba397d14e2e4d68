package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stage as the build dispatches it: each instruction with its variables, and the stage's
 * state at the end, which a stage based on it starts from.
 *
 * <pre>{@code
 * StageScope build = scope.stage(graph.target()).orElseThrow();
 * for (ScopedInstruction i : build.instructions()) {
 *     run(i.expanded(), i.env());
 * }
 * build.imageEnv();   // the image config's Env: base image env and ENVs, no ARGs
 * }</pre>
 *
 * @param stage the resolved stage
 * @param instructions the instructions in dispatch order, {@code ONBUILD} triggers of the
 *     base stage first
 * @param env the variables at the end of the stage, {@code ARG}s with values included
 * @param imageEnv the image config's {@code Env} at the end: base image env and {@code ENV}s
 * @param shell the {@code SHELL} in effect at the end, empty for the platform's default
 * @param baseEnvKnown false if the stage starts (directly or through its base stages) from an
 *     image whose environment the caller did not give, so {@code env} lacks the image's part
 */
public record StageScope(StageNode stage, List<ScopedInstruction> instructions, Map<String, String> env,
        List<String> imageEnv, List<String> shell, boolean baseEnvKnown) {

    /** Checks for nulls and copies the collections. */
    public StageScope {
        Objects.requireNonNull(stage, "stage");
        env = ScopeEnvView.copyOf(env);
        instructions = List.copyOf(instructions);
        imageEnv = List.copyOf(imageEnv);
        shell = List.copyOf(shell);
    }
}

package dev.stevedore.dockerfile;

import java.util.List;

/**
 * The {@code --target} names no stage. The message is BuildKit's, with its "did you mean"
 * hint; {@link #stageNames()} lists what the Dockerfile offers.
 *
 * <pre>{@code
 * try {
 *     StageGraph.resolve(df, BuildArgs.none().withTarget("bulid"));
 * } catch (StageNotFoundException e) {
 *     e.getMessage();   // target stage "bulid" could not be found (did you mean build?)
 *     e.stageNames();   // [build, stage-1]
 * }
 * }</pre>
 */
public final class StageNotFoundException extends DockerfileException {
    private static final long serialVersionUID = 1L;

    /** The stages' display names. */
    private final List<String> stageNames;

    /**
     * Creates the exception.
     *
     * @param target the requested target, as given
     * @param stageNames the stages' display names in order
     */
    public StageNotFoundException(String target, List<String> stageNames) {
        super(Suggestions.wrap("target stage " + GoText.quote(target) + " could not be found", target,
                List.copyOf(stageNames), true));
        this.stageNames = List.copyOf(stageNames);
    }

    /**
     * Returns the names a target may take (unnamed stages as {@code stage-N}, which BuildKit
     * lists but does not accept as a target).
     *
     * @return the names in order
     */
    public List<String> stageNames() {
        return stageNames;
    }
}

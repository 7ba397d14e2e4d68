package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stages of a Dockerfile resolved as BuildKit resolves them, and what a build of the
 * target needs, in an order that builds every stage after the stages it reads.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse(Path.of("Dockerfile"));
 * StageGraph graph = StageGraph.resolve(df, BuildArgs.of(Map.of("GO", "1.22")).withTarget("test"));
 * graph.target().displayName();   // "test"
 * graph.buildOrder();             // [build, test]: stages the target needs, dependencies first
 * graph.images();                 // [golang:1.22, alpine]: images to pull
 * }</pre>
 *
 * <p><b>BuildKit's rules.</b> A {@code FROM} word, expanded with the global arguments, names
 * an <em>earlier</em> stage if it equals that stage's (lower-case) name, else it is an image
 * ({@code scratch} is nothing). {@code COPY --from} takes a stage name in any case, a stage
 * index, or else an image; {@code RUN --mount from=} a stage name or else an image. A
 * {@code --from} must be written without variables. Errors, each at its instruction: a blank
 * base name, an unknown {@code --target} ({@link StageNotFoundException}), an index out of range,
 * a cycle ({@code circular dependency detected on stage: X}), and reading a stage defined
 * later in the file ({@code cannot copy from stage "x", it needs to be defined before current
 * stage "y"}). {@code ONBUILD} triggers of a base stage count as the child's instructions.
 */
public final class StageGraph {
    private final List<StageNode> stages;
    private final int target;
    private final List<Integer> buildOrder;
    private final Map<String, String> globalArgs;

    StageGraph(List<StageNode> stages, int target, List<Integer> buildOrder, Map<String, String> globalArgs) {
        this.stages = List.copyOf(stages);
        this.target = target;
        this.buildOrder = List.copyOf(buildOrder);
        this.globalArgs = globalArgs;
    }

    /**
     * Resolves the stages of a Dockerfile for a build.
     *
     * @param dockerfile the parsed file
     * @param args build arguments, platforms and target
     * @return the graph
     * @throws DockerfileException at the offending line, as listed above
     */
    public static StageGraph resolve(Dockerfile dockerfile, BuildArgs args) {
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(args, "args");
        StageResolution resolution = new StageGraphBuilder(dockerfile, args, LintSink.NONE).resolve(false);
        resolution.firstOrderError().ifPresent(e -> {
            throw e;
        });
        return resolution.graph();
    }

    /**
     * Returns every stage in file order.
     *
     * @return the stages
     */
    public List<StageNode> stages() {
        return stages;
    }

    /**
     * Returns the stage the build produces: {@code --target}, or the last one.
     *
     * @return the target stage
     */
    public StageNode target() {
        return stages.get(target);
    }

    /**
     * Returns the stages the target needs (itself included), each after every stage it is
     * based on or reads. Stages the target does not need are pruned.
     *
     * @return the stages to build, in order
     */
    public List<StageNode> buildOrder() {
        return buildOrder.stream().map(stages::get).toList();
    }

    /**
     * Returns whether building the target needs a stage.
     *
     * @param stage a stage of this graph
     * @return true if it is in {@link #buildOrder()}
     */
    public boolean needs(StageNode stage) {
        return buildOrder.contains(stage.index());
    }

    /**
     * Returns the images the stages of {@link #buildOrder()} start from or read, each once,
     * as written after expansion ({@code scratch} excluded).
     *
     * @return the image references in order of first use
     */
    public List<String> images() {
        Set<String> images = new LinkedHashSet<>();
        for (StageNode node : buildOrder()) {
            if (node.base() instanceof StageSource.Image image) {
                images.add(image.reference());
            }
            for (StageDependency d : node.dependencies()) {
                if (d.source() instanceof StageSource.Image image) {
                    images.add(image.reference());
                }
            }
        }
        return List.copyOf(images);
    }

    /**
     * Finds a stage by name, as {@code COPY --from} and {@code --target} do: case-insensitively;
     * of two stages with one name, the later.
     *
     * @param name a stage name
     * @return the stage, if one has that name
     */
    public Optional<StageNode> stage(String name) {
        String lower = GoText.toLower(name);
        StageNode found = null;
        for (StageNode node : stages) {
            if (node.name().filter(lower::equals).isPresent()) {
                found = node;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Returns the build arguments every {@code FROM} line sees: the automatic platform
     * arguments and the global {@code ARG}s that have a value, {@code --build-arg}s applied.
     *
     * @return names to values, in BuildKit's order
     */
    public Map<String, String> globalArgs() {
        return globalArgs;
    }

    /**
     * Returns the stages a stage needs directly: its base stage and the stages it reads.
     *
     * @param stage a stage of this graph
     * @return the stages, each once, in order of first use
     */
    public List<StageNode> dependencies(StageNode stage) {
        Set<Integer> out = new LinkedHashSet<>();
        if (stage.base() instanceof StageSource.Stage s) {
            out.add(s.index());
        }
        for (StageDependency d : stage.dependencies()) {
            if (d.source() instanceof StageSource.Stage s) {
                out.add(s.index());
            }
        }
        List<StageNode> nodes = new ArrayList<>();
        out.forEach(i -> nodes.add(stages.get(i)));
        return List.copyOf(nodes);
    }

    @Override
    public String toString() {
        return "StageGraph[target=" + target().displayName() + ", build="
                + buildOrder().stream().map(StageNode::displayName).toList() + "]";
    }
}

package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage as the build resolves it: its {@code FROM} expanded with the global build
 * arguments, what it is based on, and what its instructions read from other stages or images.
 *
 * <pre>{@code
 * // ARG GO=1.22
 * // FROM golang:${GO} AS build
 * StageNode build = graph.stages().get(0);
 * build.baseName();     // "golang:1.22"
 * build.base();         // Image[reference=golang:1.22]
 * build.displayName();  // "build"
 * }</pre>
 *
 * @param index the stage's position, 0 for the first
 * @param name the stage name in lower case, if the {@code FROM} has {@code AS}
 * @param location the {@code FROM}'s lines
 * @param baseName the {@code FROM} image word after expansion
 * @param base what the stage starts from
 * @param platform the {@code --platform} after expansion, if given
 * @param dependencies the stages and images its instructions read, in order
 */
public record StageNode(int index, Optional<String> name, Location location, String baseName, StageSource base,
        Optional<Platform> platform, List<StageDependency> dependencies) {

    /** Checks for nulls and copies the list. */
    public StageNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(baseName, "baseName");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(platform, "platform");
        dependencies = List.copyOf(dependencies);
        if (index < 0) {
            throw new IllegalArgumentException("stage index must not be negative: " + index);
        }
    }

    /**
     * Returns the name BuildKit shows: the stage name, or {@code stage-N} for an unnamed stage.
     *
     * @return for example {@code "build"} or {@code "stage-2"}
     */
    public String displayName() {
        return name.orElse("stage-" + index);
    }
}

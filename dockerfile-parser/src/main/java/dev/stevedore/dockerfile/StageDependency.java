package dev.stevedore.dockerfile;

import java.util.Objects;

/**
 * Something a stage's instruction reads from outside the stage: {@code COPY --from=...} or
 * {@code RUN --mount=...,from=...}.
 *
 * <pre>{@code
 * // COPY --from=build /out /app   (line 9)
 * StageDependency d = node.dependencies().get(0);
 * d.kind();       // COPY_FROM
 * d.reference();  // "build"
 * d.source();     // Stage[index=0]
 * }</pre>
 *
 * @param location the instruction's lines; for a trigger from the base stage's {@code ONBUILD},
 *     the {@code FROM} of the stage it runs in (as BuildKit reports it)
 * @param kind which instruction reads it
 * @param reference the {@code --from} or {@code from=} value as written
 * @param source what it resolves to
 * @param onBuild whether an {@code ONBUILD} trigger of the base stage adds it
 */
public record StageDependency(Location location, Kind kind, String reference, StageSource source, boolean onBuild) {

    /** The instruction that reads another stage or image. */
    public enum Kind {
        /** {@code COPY --from}. */
        COPY_FROM,
        /** {@code RUN --mount=...,from=}. */
        MOUNT_FROM
    }

    /** Checks for nulls. */
    public StageDependency {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(source, "source");
    }
}

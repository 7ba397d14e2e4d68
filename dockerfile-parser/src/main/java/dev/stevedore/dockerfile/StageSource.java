package dev.stevedore.dockerfile;

import java.util.Objects;

/**
 * Where a stage's base or a {@code COPY --from} / {@code RUN --mount from=} source comes from:
 * an earlier stage, an image to pull, or {@code scratch} (nothing).
 *
 * <pre>{@code
 * if (node.base() instanceof StageSource.Stage s) {
 *     startFrom(graph.stages().get(s.index()));
 * } else if (node.base() instanceof StageSource.Image i) {
 *     pull(i.reference());
 * } // StageSource.Scratch: an empty root file system
 * }</pre>
 */
public sealed interface StageSource permits StageSource.Stage, StageSource.Image, StageSource.Scratch {

    /**
     * A stage of the same Dockerfile.
     *
     * @param index the stage's index in {@link StageGraph#stages()}
     */
    record Stage(int index) implements StageSource {
        /**
         * Checks the index.
         *
         * @throws IllegalArgumentException if negative
         */
        public Stage {
            if (index < 0) {
                throw new IllegalArgumentException("stage index must not be negative: " + index);
            }
        }
    }

    /**
     * An image, named as the Dockerfile names it after expansion (not normalized).
     *
     * @param reference for example {@code golang:1.22} or {@code ghcr.io/a/b@sha256:...}
     */
    record Image(String reference) implements StageSource {
        /** Checks for null. */
        public Image {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /** The empty file system, {@code FROM scratch}. */
    record Scratch() implements StageSource {
    }
}

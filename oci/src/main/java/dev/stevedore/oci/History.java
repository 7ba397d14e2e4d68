package dev.stevedore.oci;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an image config's {@code history}: how a layer (or an empty step) was made.
 *
 * <pre>{@code History.of(Instant.now(), "/bin/sh -c apk add curl").withEmptyLayer(false)}</pre>
 *
 * @param created when the step ran
 * @param createdBy the command of the step
 * @param author who made the step
 * @param comment a free comment
 * @param emptyLayer whether the step made no layer (ENV, CMD, ...)
 * @param unknownFields fields this module does not model, kept as read
 */
public record History(Optional<Instant> created, Optional<String> createdBy, Optional<String> author,
        Optional<String> comment, boolean emptyLayer, UnknownFields unknownFields) {

    /**
     * Creates a history entry.
     *
     * @param created when the step ran
     * @param createdBy the command of the step
     * @param author who made the step
     * @param comment a free comment
     * @param emptyLayer whether the step made no layer (ENV, CMD, ...)
     * @param unknownFields fields this module does not model, kept as read
     */
    public History {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(unknownFields, "unknownFields");
    }

    /**
     * Returns an entry for a step that made a layer.
     *
     * @param created when the step ran
     * @param createdBy the command of the step
     * @return the history entry
     */
    public static History of(Instant created, String createdBy) {
        return new History(Optional.of(created), Optional.of(createdBy), Optional.empty(), Optional.empty(),
                false, UnknownFields.none());
    }

    /**
     * Returns this entry with another creation time.
     *
     * <pre>{@code History dated = step.withCreated(Instant.parse("2024-01-01T00:00:00Z"));}</pre>
     *
     * @param value when the step ran
     * @return the new entry
     */
    public History withCreated(Instant value) {
        return new History(Optional.of(value), createdBy, author, comment, emptyLayer, unknownFields);
    }

    /**
     * Returns this entry marked as making, or not making, a layer.
     *
     * @param value true if the step made no layer
     * @return the new entry
     */
    public History withEmptyLayer(boolean value) {
        return new History(created, createdBy, author, comment, value, unknownFields);
    }

    /**
     * Returns this entry with a comment.
     *
     * @param value the comment
     * @return the new entry
     */
    public History withComment(String value) {
        return new History(created, createdBy, author, Optional.of(value), emptyLayer, unknownFields);
    }
}

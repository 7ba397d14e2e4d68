package dev.stevedore;

import java.util.Optional;

/**
 * How {@link Container#commit(CommitOptions)} makes an image, as {@code docker commit}'s options.
 *
 * <pre>{@code
 * Image snapshot = container.commit(CommitOptions.tagged("app:debug").withAuthor("ci").withMessage("after setup"));
 * }</pre>
 *
 * @param reference the reference to tag the image with; empty leaves it untagged, a dangling
 *     image found by its id until {@link ImageManager#prune()}
 * @param author the author written into the config
 * @param message the comment of the new history entry
 * @param pause whether to freeze a running container while its changes are read (default true, as Docker)
 */
public record CommitOptions(Optional<String> reference, Optional<String> author, Optional<String> message,
        boolean pause) {
    /**
     * Requires the optionals.
     *
     * @param reference the reference to tag the image with; empty leaves it untagged, a dangling image found by its id until {@link ImageManager#prune()}
     * @param author the author written into the config
     * @param message the comment of the new history entry
     * @param pause whether to freeze a running container while its changes are read (default true, as Docker)
     */
    public CommitOptions {
        if (reference == null || author == null || message == null) {
            throw new IllegalArgumentException("use Optional.empty() for unset commit options");
        }
    }

    /**
     * @return no reference, no author, no message, pausing
     */
    public static CommitOptions untagged() {
        return new CommitOptions(Optional.empty(), Optional.empty(), Optional.empty(), true);
    }

    /**
     * @param reference such as {@code "app:debug"}
     * @return options tagging the image
     */
    public static CommitOptions tagged(String reference) {
        return new CommitOptions(Optional.of(reference), Optional.empty(), Optional.empty(), true);
    }

    /**
     * @param value the author
     * @return a copy
     */
    public CommitOptions withAuthor(String value) {
        return new CommitOptions(reference, Optional.of(value), message, pause);
    }

    /**
     * @param value the history comment
     * @return a copy
     */
    public CommitOptions withMessage(String value) {
        return new CommitOptions(reference, author, Optional.of(value), pause);
    }

    /**
     * @param value whether to pause a running container
     * @return a copy
     */
    public CommitOptions withPause(boolean value) {
        return new CommitOptions(reference, author, message, value);
    }
}

package dev.stevedore.layerstore;

import java.nio.file.Path;

/**
 * Applying a layer to a directory failed. The message names the directory and, where one was
 * being applied, the tar entry; the tree may be partly written (a snapshot that fails is
 * removed by {@link Snapshots}).
 *
 * <pre>{@code
 * Tried to apply layer entry "usr/bin/env" to /store/.stevedore/snapshots/7/fs but failed because: ...
 * }</pre>
 */
public class ApplyException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** The directory the layer was applied to, as text. */
    private final String target;
    /** The entry's name as the tar has it, or empty for the stream as a whole. */
    private final String entry;

    /**
     * Creates the exception.
     *
     * @param target the directory the layer was applied to
     * @param entry the tar entry being applied, or {@code ""} for a problem with the stream as a whole
     * @param problem what went wrong
     */
    public ApplyException(Path target, String entry, String problem) {
        super(message(target, entry, problem));
        this.target = target.toString();
        this.entry = entry;
    }

    /**
     * Creates the exception with its cause.
     *
     * @param target the directory the layer was applied to
     * @param entry the tar entry being applied, or {@code ""} for a problem with the stream as a whole
     * @param problem what went wrong
     * @param cause the error that led to this one
     */
    public ApplyException(Path target, String entry, String problem, Throwable cause) {
        super(message(target, entry, problem), cause);
        this.target = target.toString();
        this.entry = entry;
    }

    /** @return the directory the layer was applied to */
    public Path target() {
        return Path.of(target);
    }

    /** @return the tar entry's name as the archive has it, or {@code ""} if the problem is not one entry's */
    public String entry() {
        return entry;
    }

    private static String message(Path target, String entry, String problem) {
        String what = entry.isEmpty() ? "a layer" : "layer entry \"" + entry + "\"";
        return "Tried to apply " + what + " to " + target + " but failed because: " + problem;
    }
}

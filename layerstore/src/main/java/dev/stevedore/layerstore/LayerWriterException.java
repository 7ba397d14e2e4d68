package dev.stevedore.layerstore;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A layer could not be written from a directory tree: a file could not be read, the tree
 * holds something a layer cannot carry (an overlay redirect or metacopy, a name reserved for
 * whiteouts), or the output failed. The message names the tree and the file involved.
 */
public final class LayerWriterException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** The file involved, as text (a {@link Path} is not serializable). */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param path the file involved (or the tree, when no single file is)
     * @param reason what is wrong with it
     */
    public LayerWriterException(Path path, String reason) {
        super(message(path, reason));
        this.path = path.toString();
    }

    /**
     * Creates the exception with its cause.
     *
     * @param path the file involved (or the tree, when no single file is)
     * @param reason what is wrong with it
     * @param cause the underlying error
     */
    public LayerWriterException(Path path, String reason, Throwable cause) {
        super(message(path, reason), cause);
        this.path = path.toString();
    }

    /**
     * Returns the file involved.
     *
     * @return its path
     */
    public Path path() {
        return Path.of(path);
    }

    private static String message(Path path, String reason) {
        Objects.requireNonNull(path, "path");
        return "Tried to write a layer entry for " + path + " but failed because: " + reason;
    }
}

package dev.stevedore.layerstore;

import java.nio.file.Path;

/**
 * The snapshot store failed: an unpack, a commit, its index or a removal. The message names
 * the path (and the layer, where one was involved); the cause says more.
 */
public class SnapshotException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** The snapshot directory or file involved, as text. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param action what was being done, such as {@code "unpack layer sha256:... into"}
     * @param path the snapshot directory or file involved
     * @param problem what went wrong
     */
    public SnapshotException(String action, Path path, String problem) {
        super("Tried to " + action + " " + path + " but failed because: " + problem);
        this.path = path.toString();
    }

    /**
     * Creates the exception with its cause.
     *
     * @param action what was being done, such as {@code "unpack layer sha256:... into"}
     * @param path the snapshot directory or file involved
     * @param problem what went wrong
     * @param cause the error that led to this one
     */
    public SnapshotException(String action, Path path, String problem, Throwable cause) {
        super("Tried to " + action + " " + path + " but failed because: " + problem, cause);
        this.path = path.toString();
    }

    /** @return the snapshot directory or file involved */
    public Path path() {
        return Path.of(path);
    }
}

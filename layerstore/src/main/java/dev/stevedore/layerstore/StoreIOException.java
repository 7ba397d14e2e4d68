package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An I/O error while reading or changing the store or an archive, naming the action and the
 * file. The cause is the original {@link IOException}.
 */
public final class StoreIOException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** The file involved, as text. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param action what was being done, such as "rename a blob into place"
     * @param path the file involved
     * @param cause the I/O error
     */
    public StoreIOException(String action, Path path, IOException cause) {
        super("Tried to " + action + " (" + path + ") but failed because: " + cause, cause);
        this.path = path.toString();
    }

    /**
     * Returns the file involved.
     *
     * @return the path
     */
    public Path path() {
        return Path.of(path);
    }
}

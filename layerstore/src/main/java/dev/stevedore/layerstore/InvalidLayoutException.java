package dev.stevedore.layerstore;

import java.nio.file.Path;

/**
 * A store root that is not a usable OCI image layout: an unsupported {@code oci-layout}
 * version, an unreadable {@code index.json}, or a directory that holds something else.
 */
public final class InvalidLayoutException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** The offending file or directory, as text. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param path the offending file or directory
     * @param problem what is wrong with it
     */
    public InvalidLayoutException(Path path, String problem) {
        super("invalid OCI image layout at " + path + ": " + problem);
        this.path = path.toString();
    }

    /**
     * Returns the offending file or directory.
     *
     * @return the path
     */
    public Path path() {
        return Path.of(path);
    }
}

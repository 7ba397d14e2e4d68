package dev.stevedore;

import java.nio.file.Path;

/**
 * Thrown when an image archive cannot be imported (malformed, a blob missing or not matching)
 * or exported. An import sets no ref for an image it could not complete; an export leaves no
 * half-written archive.
 *
 * <pre>{@code
 * engine.images().importFrom(Path.of("broken.tar")); // ImageArchiveException: Tried to import ...
 * }</pre>
 */
public final class ImageArchiveException extends StevedoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path archive;

    ImageArchiveException(Path archive, String message, Throwable cause) {
        super(message, cause);
        this.archive = archive;
    }

    /**
     * The archive or layout directory.
     *
     * @return its path
     */
    public Path archive() {
        return archive;
    }
}

package dev.stevedore.layerstore;

import java.nio.file.Path;

/**
 * An image archive (OCI layout directory or tarball, {@code docker save} tarball) that cannot
 * be imported; the message names the archive and the entry. Nothing of a failed import is
 * referenced by a ref; blobs it already verified stay until the next GC.
 */
public final class InvalidArchiveException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** The archive, as text. */
    private final String archive;
    /** The entry inside it, empty for the archive as a whole. */
    private final String entry;

    /**
     * Creates the exception.
     *
     * @param archive the archive file or directory
     * @param entry the entry inside it, or "" for the archive as a whole
     * @param problem what is wrong
     */
    public InvalidArchiveException(Path archive, String entry, String problem) {
        super("cannot import " + archive + (entry.isEmpty() ? "" : " (entry " + entry + ")") + ": " + problem);
        this.archive = archive.toString();
        this.entry = entry;
    }

    /** @return the archive file or directory */
    public Path archive() {
        return Path.of(archive);
    }

    /** @return the entry inside the archive, or "" for the archive as a whole */
    public String entry() {
        return entry;
    }
}

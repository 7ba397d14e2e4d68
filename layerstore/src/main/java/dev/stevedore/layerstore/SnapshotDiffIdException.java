package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.nio.file.Path;

/**
 * A layer unpacked to a different diff ID than the image config says: the blob is not the
 * layer the config means (or is corrupt). The snapshot was removed.
 */
public final class SnapshotDiffIdException extends SnapshotException {
    private static final long serialVersionUID = 1L;

    /** The layer blob's digest, as text. */
    private final String blob;
    /** The diff ID the config expects, as text. */
    private final String expected;
    /** The diff ID the blob has, as text. */
    private final String actual;

    /**
     * Creates the exception.
     *
     * @param path the snapshot directory (now removed)
     * @param blob the layer blob's digest
     * @param expected the diff ID the config expects
     * @param actual the diff ID of the blob's uncompressed content
     */
    public SnapshotDiffIdException(Path path, Digest blob, Digest expected, Digest actual) {
        super("unpack layer " + blob + " into", path, "it has diff ID " + actual + " but the image config says " + expected);
        this.blob = blob.toString();
        this.expected = expected.toString();
        this.actual = actual.toString();
    }

    /** @return the layer blob's digest */
    public Digest blob() {
        return Digest.parse(blob);
    }

    /** @return the diff ID the image config expects */
    public Digest expected() {
        return Digest.parse(expected);
    }

    /** @return the diff ID the blob actually has */
    public Digest actual() {
        return Digest.parse(actual);
    }
}

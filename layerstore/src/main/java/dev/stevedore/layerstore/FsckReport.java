package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.util.List;
import java.util.Objects;

/**
 * What {@link LayerStore#fsck(boolean)} found: blobs whose content no longer matches their
 * digest, and refs that cannot be used because something they need is missing or corrupt.
 *
 * <pre>{@code
 * FsckReport report = store.fsck(true);
 * if (!report.isClean()) { report.brokenRefs().forEach(r -> log.warn("{}", r)); }
 * }</pre>
 *
 * @param blobsChecked how many blobs were re-hashed
 * @param corruptBlobs blobs whose bytes do not hash to their name
 * @param brokenRefs refs with missing or corrupt content (kept, even with repair)
 * @param removedBlobs the corrupt blobs that repair deleted
 */
public record FsckReport(int blobsChecked, List<CorruptBlob> corruptBlobs, List<BrokenRef> brokenRefs,
        List<Digest> removedBlobs) {
    /**
     * Creates a report.
     *
     * @param blobsChecked how many blobs were re-hashed
     * @param corruptBlobs blobs whose bytes do not hash to their name
     * @param brokenRefs refs with missing or corrupt content
     * @param removedBlobs the corrupt blobs that repair deleted
     */
    public FsckReport {
        corruptBlobs = List.copyOf(corruptBlobs);
        brokenRefs = List.copyOf(brokenRefs);
        removedBlobs = List.copyOf(removedBlobs);
    }

    /**
     * Whether nothing was wrong.
     *
     * @return true if no blob is corrupt and every ref is complete
     */
    public boolean isClean() {
        return corruptBlobs.isEmpty() && brokenRefs.isEmpty();
    }

    /**
     * A blob whose content does not match its name (or has another size than a descriptor says).
     *
     * @param digest the blob's name
     * @param problem what is wrong, such as {@code "content hashes to sha256:..."}
     */
    public record CorruptBlob(Digest digest, String problem) {
        /**
         * Creates the entry.
         *
         * @param digest the blob's name
         * @param problem what is wrong
         */
        public CorruptBlob {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * A ref that cannot be used as it is.
     *
     * @param name the ref's name
     * @param digest the blob that is missing, corrupt or unreadable
     * @param problem what is wrong with it
     */
    public record BrokenRef(String name, Digest digest, String problem) {
        /**
         * Creates the entry.
         *
         * @param name the ref's name
         * @param digest the blob that is missing, corrupt or unreadable
         * @param problem what is wrong with it
         */
        public BrokenRef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(problem, "problem");
        }
    }
}

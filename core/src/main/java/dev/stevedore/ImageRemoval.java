package dev.stevedore;

import java.util.List;

/**
 * What {@link ImageManager#remove} did, as {@code docker rmi} reports it.
 *
 * <pre>{@code
 * ImageRemoval removed = Images.remove("busybox");
 * removed.untagged(); // ["docker.io/library/busybox:latest"]
 * removed.deleted();  // ["sha256:..."] once no reference is left
 * }</pre>
 *
 * @param untagged the references removed
 * @param deleted the ids of the images deleted (none if other references remain, or if
 *     containers keep a forcibly removed image, which then stays as a dangling image)
 * @param bytesFreed bytes of blobs freed by the garbage collection that followed
 */
public record ImageRemoval(List<String> untagged, List<String> deleted, long bytesFreed) {
    /**
     * Checks the values.
     *
     * @param untagged the references removed
     * @param deleted the ids of the images deleted
     * @param bytesFreed bytes freed, not negative
     */
    public ImageRemoval {
        untagged = List.copyOf(untagged);
        deleted = List.copyOf(deleted);
        if (bytesFreed < 0) {
            throw new IllegalArgumentException("bytes freed cannot be negative: " + bytesFreed);
        }
    }
}

package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageReference;
import java.time.Duration;

/**
 * What a {@link RegistryListener} hears: enough to draw a progress bar (sizes up front, bytes
 * as they move) and to explain waits (retries).
 *
 * <pre>{@code
 * listener = event -> {
 *     if (event instanceof RegistryEvent.BlobProgress p) { bar.set(p.digest(), p.bytes(), p.size()); }
 * };
 * }</pre>
 */
public sealed interface RegistryEvent {
    /**
     * The image the event is about.
     *
     * @return the reference
     */
    ImageReference reference();

    /**
     * A manifest was resolved: its digest, and the blobs a pull or push will move.
     *
     * @param reference the reference as asked
     * @param manifest the manifest's descriptor
     * @param totalBytes the sum of the config and layer sizes
     */
    record Resolved(ImageReference reference, Descriptor manifest, long totalBytes) implements RegistryEvent {}

    /**
     * A blob transfer started.
     *
     * @param reference the image
     * @param digest the blob
     * @param size its size
     * @param upload true for a push, false for a pull
     */
    record BlobStarted(ImageReference reference, Digest digest, long size, boolean upload) implements RegistryEvent {}

    /**
     * Bytes of a blob moved (sent at most every 256 KiB per blob).
     *
     * @param reference the image
     * @param digest the blob
     * @param bytes bytes moved so far
     * @param size the blob's size
     */
    record BlobProgress(ImageReference reference, Digest digest, long bytes, long size) implements RegistryEvent {}

    /**
     * A blob transfer finished and was verified.
     *
     * @param reference the image
     * @param digest the blob
     * @param size its size
     */
    record BlobDone(ImageReference reference, Digest digest, long size) implements RegistryEvent {}

    /**
     * A blob was already there (in the sink for a pull, in the registry for a push).
     *
     * @param reference the image
     * @param digest the blob
     * @param size its size
     */
    record BlobSkipped(ImageReference reference, Digest digest, long size) implements RegistryEvent {}

    /**
     * A blob was mounted from another repository of the same registry instead of uploaded.
     *
     * @param reference the image
     * @param digest the blob
     * @param from the repository it was mounted from
     */
    record BlobMounted(ImageReference reference, Digest digest, String from) implements RegistryEvent {}

    /**
     * A request failed and will be retried after a wait.
     *
     * @param reference the image
     * @param action what was being done
     * @param attempt the attempt that failed, from 1
     * @param delay how long the client waits before the next attempt
     * @param reason why it failed (status or exception), without secrets
     */
    record Retrying(ImageReference reference, String action, int attempt, Duration delay, String reason)
            implements RegistryEvent {}
}

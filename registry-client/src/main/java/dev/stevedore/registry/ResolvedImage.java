package dev.stevedore.registry;

import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import java.util.Objects;
import java.util.Optional;

/**
 * An image resolved for one platform: the index it was chosen from (if any) and the
 * platform's manifest, both as the exact bytes received.
 *
 * <pre>{@code
 * ResolvedImage image = client.resolve(ref, Platform.host());
 * image.pinned();     // ref@sha256:... of the platform's manifest
 * image.image().layers();
 * }</pre>
 *
 * @param reference the reference as asked
 * @param index the index or manifest list the manifest was chosen from, if the reference named one
 * @param manifest the image manifest
 */
public record ResolvedImage(ImageReference reference, Optional<ManifestBytes> index, ManifestBytes manifest) {
    /**
     * Checks the fields.
     *
     * @param reference the reference
     * @param index the index, if any
     * @param manifest the manifest; must be an image manifest
     * @throws IllegalArgumentException if {@code manifest} is not an image manifest
     */
    public ResolvedImage {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(index, "index");
        if (!(manifest.document() instanceof ImageManifest)) {
            throw new IllegalArgumentException("not an image manifest: " + manifest);
        }
    }

    /**
     * Returns the parsed manifest.
     *
     * @return the image manifest
     */
    public ImageManifest image() {
        return (ImageManifest) manifest.document();
    }

    /**
     * Returns the reference pinned to the platform manifest's digest (tag kept).
     *
     * @return {@code reference@<manifest digest>}
     */
    public ImageReference pinned() {
        return reference.withDigest(manifest.digest());
    }
}

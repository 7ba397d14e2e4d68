package dev.stevedore.oci;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image index (OCI index, or Docker manifest list): manifests of one image for several
 * platforms.
 *
 * <pre>{@code
 * Optional<Descriptor> mine = index.manifestFor(Platform.host());
 * }</pre>
 *
 * @param schemaVersion always 2
 * @param mediaType {@link MediaType#OCI_INDEX} or {@link MediaType#DOCKER_MANIFEST_LIST}
 * @param artifactType the artifact type, if the index describes an artifact
 * @param manifests the manifests, each usually with a platform
 * @param subject the manifest this one refers to, if any
 * @param annotations arbitrary metadata
 */
public record ImageIndex(int schemaVersion, String mediaType, Optional<String> artifactType,
        List<Descriptor> manifests, Optional<Descriptor> subject, Map<String, String> annotations)
        implements ManifestDocument {

    /**
     * Creates an index.
     *
     * @param schemaVersion always 2
     * @param mediaType {@link MediaType#OCI_INDEX} or {@link MediaType#DOCKER_MANIFEST_LIST}
     * @param artifactType the artifact type, if the index describes an artifact
     * @param manifests the manifests, each usually with a platform
     * @param subject the manifest this one refers to, if any
     * @param annotations arbitrary metadata
     * @throws IllegalArgumentException if the schema version is not 2 or the media type not an index type
     */
    public ImageIndex {
        if (schemaVersion != 2) {
            throw new IllegalArgumentException("image index schemaVersion must be 2, got " + schemaVersion);
        }
        if (!MediaType.isIndex(mediaType)) {
            throw new IllegalArgumentException("not an image index media type: " + mediaType);
        }
        Objects.requireNonNull(artifactType, "artifactType");
        manifests = List.copyOf(manifests);
        Objects.requireNonNull(subject, "subject");
        annotations = Map.copyOf(annotations);
    }

    /**
     * Returns an OCI index of these manifests.
     *
     * @param manifests the manifest descriptors, each with its platform
     * @return the index
     */
    public static ImageIndex of(List<Descriptor> manifests) {
        return new ImageIndex(2, MediaType.OCI_INDEX, Optional.empty(), manifests, Optional.empty(), Map.of());
    }

    /**
     * Returns this index with these annotations in place of the old ones.
     *
     * @param newAnnotations the annotations
     * @return the new index
     */
    public ImageIndex withAnnotations(Map<String, String> newAnnotations) {
        return new ImageIndex(schemaVersion, mediaType, artifactType, manifests, subject, newAnnotations);
    }

    /**
     * Picks the manifest a machine of the given platform should run: an exact match if there
     * is one, else the best compatible older variant (see {@link Platform#canRun(Platform)}),
     * the first in index order among equals. Entries without a platform are never picked.
     *
     * <pre>{@code index.manifestFor(Platform.parse("linux/arm/v8")) // the arm/v7 entry if no v8}</pre>
     *
     * @param platform the platform of the machine
     * @return the descriptor of the chosen manifest, or empty if none can run
     */
    public Optional<Descriptor> manifestFor(Platform platform) {
        for (Platform candidate : PlatformPreference.of(platform)) {
            for (Descriptor manifest : manifests) {
                if (manifest.platform().filter(candidate::matches).isPresent()) {
                    return Optional.of(manifest);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] toJson() {
        return Json.bytes(ManifestJson.write(this));
    }
}

package dev.stevedore.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image manifest (OCI, or Docker schema 2): the configuration blob and the layers of one
 * image for one platform.
 *
 * <pre>{@code
 * ImageManifest manifest = ImageManifest.of(configDescriptor, List.of(layer));
 * ManifestBytes written = ManifestBytes.of(manifest); // bytes and digest to push or store
 * }</pre>
 *
 * @param schemaVersion always 2
 * @param mediaType {@link MediaType#OCI_MANIFEST} or {@link MediaType#DOCKER_MANIFEST}
 * @param artifactType the artifact type, if the manifest describes an artifact
 * @param config the descriptor of the image configuration
 * @param layers the layer descriptors, base layer first
 * @param subject the manifest this one refers to, if any
 * @param annotations arbitrary metadata
 */
public record ImageManifest(int schemaVersion, String mediaType, Optional<String> artifactType,
        Descriptor config, List<Descriptor> layers, Optional<Descriptor> subject,
        Map<String, String> annotations) implements ManifestDocument {

    /**
     * Creates a manifest.
     *
     * @param schemaVersion always 2
     * @param mediaType {@link MediaType#OCI_MANIFEST} or {@link MediaType#DOCKER_MANIFEST}
     * @param artifactType the artifact type, if the manifest describes an artifact
     * @param config the descriptor of the image configuration
     * @param layers the layer descriptors, base layer first
     * @param subject the manifest this one refers to, if any
     * @param annotations arbitrary metadata
     * @throws IllegalArgumentException if the schema version is not 2 or the media type not a manifest type
     */
    public ImageManifest {
        if (schemaVersion != 2) {
            throw new IllegalArgumentException("image manifest schemaVersion must be 2, got " + schemaVersion);
        }
        if (!MediaType.isManifest(mediaType)) {
            throw new IllegalArgumentException("not an image manifest media type: " + mediaType);
        }
        Objects.requireNonNull(artifactType, "artifactType");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        Objects.requireNonNull(subject, "subject");
        annotations = Map.copyOf(annotations);
    }

    /**
     * Returns an OCI image manifest with this config and these layers.
     *
     * @param config the configuration descriptor
     * @param layers the layers, base layer first
     * @return the manifest
     */
    public static ImageManifest of(Descriptor config, List<Descriptor> layers) {
        return new ImageManifest(2, MediaType.OCI_MANIFEST, Optional.empty(), config, layers,
                Optional.empty(), Map.of());
    }

    /**
     * Returns this manifest with another layer on top.
     *
     * @param layer the new top layer
     * @return the new manifest
     */
    public ImageManifest withLayer(Descriptor layer) {
        List<Descriptor> more = new ArrayList<>(layers);
        more.add(layer);
        return new ImageManifest(schemaVersion, mediaType, artifactType, config, more, subject, annotations);
    }

    /**
     * Returns this manifest with another configuration.
     *
     * @param newConfig the configuration descriptor
     * @return the new manifest
     */
    public ImageManifest withConfig(Descriptor newConfig) {
        return new ImageManifest(schemaVersion, mediaType, artifactType, newConfig, layers, subject, annotations);
    }

    /**
     * Returns this manifest with these annotations in place of the old ones.
     *
     * @param newAnnotations the annotations
     * @return the new manifest
     */
    public ImageManifest withAnnotations(Map<String, String> newAnnotations) {
        return new ImageManifest(schemaVersion, mediaType, artifactType, config, layers, subject, newAnnotations);
    }

    /**
     * Returns this manifest pointing at a subject, as a signature or attestation does.
     *
     * @param newSubject the manifest this one refers to
     * @return the new manifest
     */
    public ImageManifest withSubject(Descriptor newSubject) {
        return new ImageManifest(schemaVersion, mediaType, artifactType, config, layers,
                Optional.of(newSubject), annotations);
    }

    @Override
    public byte[] toJson() {
        return Json.bytes(ManifestJson.write(this));
    }
}

package dev.stevedore.oci;

import java.util.Map;
import java.util.Optional;

/**
 * The parsed view of a manifest-like document: an {@link ImageManifest} or an
 * {@link ImageIndex}. The bytes it was read from, and their digest, live in
 * {@link ManifestBytes}.
 *
 * <pre>{@code
 * if (ManifestBytes.parse(body).document() instanceof ImageIndex index) {
 *     index.manifestFor(Platform.host());
 * }
 * }</pre>
 */
public sealed interface ManifestDocument permits ImageManifest, ImageIndex {

    /**
     * Returns the schema version, always 2.
     *
     * @return 2
     */
    int schemaVersion();

    /**
     * Returns the media type of the document.
     *
     * @return the media type, such as {@link MediaType#OCI_MANIFEST}
     */
    String mediaType();

    /**
     * Returns the artifact type, for documents that describe an artifact rather than an image.
     *
     * @return the artifact type, if any
     */
    Optional<String> artifactType();

    /**
     * Returns the descriptor of the manifest this one refers to (for signatures, SBOMs, ...).
     *
     * @return the subject, if any
     */
    Optional<Descriptor> subject();

    /**
     * Returns the annotations of the document.
     *
     * @return the annotations, possibly empty
     */
    Map<String, String> annotations();

    /**
     * Writes this document as compact JSON with a fixed field order and sorted annotations.
     * Use it only for documents this program authors; a document that was read keeps its
     * original bytes in {@link ManifestBytes}.
     *
     * @return the JSON bytes
     */
    byte[] toJson();
}

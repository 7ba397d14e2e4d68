package dev.stevedore.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest or index exactly as received or written: the bytes, their media type, their
 * digest, and the parsed {@link ManifestDocument}. The digest is always computed over these
 * bytes; a manifest that was read is never re-serialized.
 *
 * <p>The media type is the document's {@code mediaType} field, or else the {@code Content-Type}
 * the caller passes; if both are given they must agree. With neither, the shape decides: a
 * {@code manifests} array means an OCI index, {@code config} plus {@code layers} an OCI
 * manifest. Anything else is refused: Docker schema 1 and unknown types with an
 * {@link UnsupportedMediaTypeException}, bad documents with a
 * {@link MalformedDocumentException}.
 *
 * <pre>{@code
 * ManifestBytes manifest = ManifestBytes.parse(body, response.headers().firstValue("Content-Type"));
 * if (!manifest.matches(expectedDigest)) { ... }
 * if (manifest.document() instanceof ImageIndex index) { ... }
 * }</pre>
 */
public final class ManifestBytes {
    /** The largest manifest accepted, 4 MiB, the limit registries apply. */
    public static final int MAX_SIZE = 4 * 1024 * 1024;

    private static final String UNKNOWN_KIND = "manifest";

    private final byte[] bytes;
    private final String mediaType;
    private final Digest digest;
    private final ManifestDocument document;

    private ManifestBytes(byte[] bytes, String mediaType, ManifestDocument document) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.digest = Digest.of(bytes);
        this.document = document;
    }

    /**
     * Parses manifest bytes whose media type comes from the document itself or its shape.
     *
     * @param bytes the manifest as received
     * @return the manifest
     * @throws MalformedDocumentException if the document is not a valid manifest or index
     * @throws UnsupportedMediaTypeException if its media type is schema 1 or unknown
     */
    public static ManifestBytes parse(byte[] bytes) {
        return parse(bytes, Optional.empty());
    }

    /**
     * Parses manifest bytes received with a {@code Content-Type} (parameters are ignored).
     *
     * @param bytes the manifest as received
     * @param contentType the media type the registry or file declared, if any
     * @return the manifest
     * @throws MalformedDocumentException if the document is not a valid manifest or index, or
     *     its {@code mediaType} contradicts {@code contentType}
     * @throws UnsupportedMediaTypeException if its media type is schema 1 or unknown
     */
    public static ManifestBytes parse(byte[] bytes, Optional<String> contentType) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_SIZE) {
            throw new MalformedDocumentException(UNKNOWN_KIND, "", null, "is " + bytes.length
                    + " bytes, more than the limit of " + MAX_SIZE);
        }
        byte[] copy = bytes.clone();
        JsonNode tree = Json.parse(UNKNOWN_KIND, copy);
        String mediaType = MediaType.requireManifestOrIndex(
                mediaType(JsonFields.root(UNKNOWN_KIND, tree), contentType.map(MediaType::fromContentType)));
        JsonFields typed = JsonFields.root(MediaType.isIndex(mediaType) ? ManifestJson.INDEX_KIND
                : ManifestJson.MANIFEST_KIND, tree);
        ManifestDocument document = MediaType.isIndex(mediaType)
                ? ManifestJson.readIndex(typed, mediaType)
                : ManifestJson.readManifest(typed, mediaType);
        return new ManifestBytes(copy, mediaType, document);
    }

    private static String mediaType(JsonFields fields, Optional<String> contentType) {
        Optional<String> declared = fields.optionalString("mediaType");
        if (declared.isPresent()) {
            if (contentType.isPresent() && !contentType.get().equals(declared.get())) {
                throw fields.error("mediaType", "does not match the Content-Type \"" + contentType.get() + "\"");
            }
            return declared.get();
        }
        if (contentType.isPresent()) {
            return contentType.get();
        }
        if (fields.has("schemaVersion") && fields.requiredInt("schemaVersion") == 1) {
            return MediaType.DOCKER_SCHEMA1_MANIFEST;
        }
        if (fields.has("manifests")) {
            return MediaType.OCI_INDEX;
        }
        if (fields.has("config") && fields.has("layers")) {
            return MediaType.OCI_MANIFEST;
        }
        throw new MalformedDocumentException(UNKNOWN_KIND, "mediaType", null, "cannot tell the media type:"
                + " no mediaType field, no Content-Type, and neither a manifests array nor config and layers");
    }

    /**
     * Returns the bytes of a document this program authored, with their digest.
     *
     * <pre>{@code ManifestBytes.of(ImageManifest.of(config, layers)).digest()}</pre>
     *
     * @param authored the manifest or index to write
     * @return its bytes and parsed view
     */
    public static ManifestBytes of(ManifestDocument authored) {
        return new ManifestBytes(authored.toJson(), authored.mediaType(), authored);
    }

    /**
     * Returns a copy of the exact bytes.
     *
     * @return the manifest bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the number of bytes.
     *
     * @return the size in bytes
     */
    public int size() {
        return bytes.length;
    }

    /**
     * Returns the media type, as resolved when parsing.
     *
     * @return the media type
     */
    public String mediaType() {
        return mediaType;
    }

    /**
     * Returns the SHA-256 digest of the bytes.
     *
     * @return the digest
     */
    public Digest digest() {
        return digest;
    }

    /**
     * Whether the bytes have this digest, computed with the digest's own algorithm.
     *
     * @param expected the digest the manifest was requested by
     * @return true if the bytes hash to {@code expected}
     */
    public boolean matches(Digest expected) {
        return Digest.of(expected.algorithm(), bytes).equals(expected);
    }

    /**
     * Returns the parsed view.
     *
     * @return an {@link ImageManifest} or an {@link ImageIndex}
     */
    public ManifestDocument document() {
        return document;
    }

    /**
     * Returns a descriptor pointing at these bytes.
     *
     * @return the media type, digest and size
     */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, bytes.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ManifestBytes that && mediaType.equals(that.mediaType)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode() * 31 + mediaType.hashCode();
    }

    @Override
    public String toString() {
        return mediaType + " " + digest + " (" + bytes.length + " bytes)";
    }
}

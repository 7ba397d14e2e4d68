package dev.stevedore.oci;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pointer to content: its media type, digest and size, with optional URLs, annotations,
 * platform (in an index) and artifact type.
 *
 * <pre>{@code
 * Descriptor layer = Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, digest, 2_811_478);
 * Descriptor entry = Descriptor.of(MediaType.OCI_MANIFEST, manifestDigest, 1_024)
 *         .withPlatform(Platform.parse("linux/arm64"));
 * }</pre>
 *
 * @param mediaType the media type of the content
 * @param digest the digest of the content
 * @param size the size of the content in bytes, not negative
 * @param urls where else the content may be downloaded from
 * @param annotations arbitrary metadata
 * @param platform the platform of the manifest it points to, in an index
 * @param artifactType the artifact type of the manifest it points to, if any
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls,
        Map<String, String> annotations, Optional<Platform> platform, Optional<String> artifactType) {
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

    /**
     * Creates a descriptor.
     *
     * @param mediaType the media type of the content
     * @param digest the digest of the content
     * @param size the size of the content in bytes, not negative
     * @param urls where else the content may be downloaded from
     * @param annotations arbitrary metadata
     * @param platform the platform of the manifest it points to, in an index
     * @param artifactType the artifact type of the manifest it points to, if any
     * @throws IllegalArgumentException if the media type is malformed or the size negative
     */
    public Descriptor {
        Objects.requireNonNull(digest, "digest");
        checkMediaType(mediaType);
        if (size < 0) {
            throw new IllegalArgumentException("descriptor size must not be negative: " + size);
        }
        urls = List.copyOf(urls);
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(platform, "platform");
        artifactType.ifPresent(Descriptor::checkMediaType);
    }

    /**
     * Returns a descriptor with only media type, digest and size.
     *
     * @param mediaType the media type of the content
     * @param digest the digest of the content
     * @param size the size in bytes
     * @return the descriptor
     */
    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, List.of(), Map.of(), Optional.empty(), Optional.empty());
    }

    /**
     * Returns the descriptor of some bytes, computing their SHA-256 digest and size.
     *
     * <pre>{@code Descriptor.ofContent(MediaType.OCI_EMPTY, "{}".getBytes(UTF_8))}</pre>
     *
     * @param mediaType the media type of the bytes
     * @param content the content
     * @return the descriptor
     */
    public static Descriptor ofContent(String mediaType, byte[] content) {
        return of(mediaType, Digest.of(content), content.length);
    }

    /**
     * Returns this descriptor with a platform.
     *
     * @param newPlatform the platform of the manifest pointed to
     * @return the new descriptor
     */
    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, urls, annotations, Optional.of(newPlatform), artifactType);
    }

    /**
     * Returns this descriptor with these annotations in place of the old ones.
     *
     * @param newAnnotations the annotations
     * @return the new descriptor
     */
    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, urls, newAnnotations, platform, artifactType);
    }

    /**
     * Returns this descriptor with these download URLs in place of the old ones.
     *
     * @param newUrls the URLs
     * @return the new descriptor
     */
    public Descriptor withUrls(List<String> newUrls) {
        return new Descriptor(mediaType, digest, size, newUrls, annotations, platform, artifactType);
    }

    /**
     * Returns this descriptor with an artifact type.
     *
     * @param newArtifactType the artifact type, a media type
     * @return the new descriptor
     */
    public Descriptor withArtifactType(String newArtifactType) {
        return new Descriptor(mediaType, digest, size, urls, annotations, platform, Optional.of(newArtifactType));
    }

    static boolean isValidMediaType(String mediaType) {
        return MEDIA_TYPE.matcher(mediaType).matches();
    }

    private static void checkMediaType(String mediaType) {
        Objects.requireNonNull(mediaType, "mediaType");
        if (!isValidMediaType(mediaType)) {
            throw new IllegalArgumentException("malformed media type \"" + mediaType + "\"");
        }
    }
}

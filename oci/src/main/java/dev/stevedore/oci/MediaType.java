package dev.stevedore.oci;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The media types of OCI and Docker images, and what kind of content each one names.
 *
 * <pre>{@code
 * MediaType.isIndex("application/vnd.docker.distribution.manifest.list.v2+json") // true
 * MediaType.layerCompression(MediaType.DOCKER_LAYER_TAR_GZIP)                     // Optional[GZIP]
 * }</pre>
 */
public final class MediaType {
    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** OCI image index. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** OCI image configuration. */
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    /** OCI empty descriptor content, the two bytes {@code {}}. */
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    /** OCI layer, plain tar. */
    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    /** OCI layer, gzip-compressed tar. */
    public static final String OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    /** OCI layer, zstd-compressed tar. */
    public static final String OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    /** OCI non-distributable layer, plain tar (deprecated by the specification). */
    public static final String OCI_NONDISTRIBUTABLE_LAYER_TAR =
            "application/vnd.oci.image.layer.nondistributable.v1.tar";
    /** OCI non-distributable layer, gzip-compressed tar (deprecated by the specification). */
    public static final String OCI_NONDISTRIBUTABLE_LAYER_TAR_GZIP =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    /** OCI non-distributable layer, zstd-compressed tar (deprecated by the specification). */
    public static final String OCI_NONDISTRIBUTABLE_LAYER_TAR_ZSTD =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

    /** Docker image manifest, version 2 schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker manifest list (the Docker counterpart of an OCI index). */
    public static final String DOCKER_MANIFEST_LIST =
            "application/vnd.docker.distribution.manifest.list.v2+json";
    /** Docker container configuration. */
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    /** Docker layer, gzip-compressed tar. */
    public static final String DOCKER_LAYER_TAR_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** Docker layer, plain tar. */
    public static final String DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";
    /** Docker layer, zstd-compressed tar. */
    public static final String DOCKER_LAYER_TAR_ZSTD = "application/vnd.docker.image.rootfs.diff.tar.zstd";
    /** Docker foreign layer (fetched from its URLs, not the registry), gzip-compressed tar. */
    public static final String DOCKER_FOREIGN_LAYER_TAR_GZIP =
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    /** Docker foreign layer, plain tar. */
    public static final String DOCKER_FOREIGN_LAYER_TAR = "application/vnd.docker.image.rootfs.foreign.diff.tar";

    /** Docker image manifest schema 1, recognized only to be refused. */
    public static final String DOCKER_SCHEMA1_MANIFEST = "application/vnd.docker.distribution.manifest.v1+json";
    /** Signed Docker image manifest schema 1, recognized only to be refused. */
    public static final String DOCKER_SCHEMA1_SIGNED_MANIFEST =
            "application/vnd.docker.distribution.manifest.v1+prettyjws";

    private static final Map<String, Compression> LAYERS = Map.ofEntries(
            Map.entry(OCI_LAYER_TAR, Compression.NONE),
            Map.entry(OCI_LAYER_TAR_GZIP, Compression.GZIP),
            Map.entry(OCI_LAYER_TAR_ZSTD, Compression.ZSTD),
            Map.entry(OCI_NONDISTRIBUTABLE_LAYER_TAR, Compression.NONE),
            Map.entry(OCI_NONDISTRIBUTABLE_LAYER_TAR_GZIP, Compression.GZIP),
            Map.entry(OCI_NONDISTRIBUTABLE_LAYER_TAR_ZSTD, Compression.ZSTD),
            Map.entry(DOCKER_LAYER_TAR, Compression.NONE),
            Map.entry(DOCKER_LAYER_TAR_GZIP, Compression.GZIP),
            Map.entry(DOCKER_LAYER_TAR_ZSTD, Compression.ZSTD),
            Map.entry(DOCKER_FOREIGN_LAYER_TAR, Compression.NONE),
            Map.entry(DOCKER_FOREIGN_LAYER_TAR_GZIP, Compression.GZIP));
    private static final Set<String> NON_DISTRIBUTABLE = Set.of(OCI_NONDISTRIBUTABLE_LAYER_TAR,
            OCI_NONDISTRIBUTABLE_LAYER_TAR_GZIP, OCI_NONDISTRIBUTABLE_LAYER_TAR_ZSTD,
            DOCKER_FOREIGN_LAYER_TAR, DOCKER_FOREIGN_LAYER_TAR_GZIP);

    private MediaType() {
    }

    /**
     * Whether the media type names an image manifest (OCI, or Docker schema 2).
     *
     * @param mediaType the media type
     * @return true for {@link #OCI_MANIFEST} and {@link #DOCKER_MANIFEST}
     */
    public static boolean isManifest(String mediaType) {
        return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
    }

    /**
     * Whether the media type names an index of manifests (OCI index, or Docker manifest list).
     *
     * @param mediaType the media type
     * @return true for {@link #OCI_INDEX} and {@link #DOCKER_MANIFEST_LIST}
     */
    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /**
     * Whether the media type names an image configuration.
     *
     * @param mediaType the media type
     * @return true for {@link #OCI_CONFIG} and {@link #DOCKER_CONFIG}
     */
    public static boolean isConfig(String mediaType) {
        return OCI_CONFIG.equals(mediaType) || DOCKER_CONFIG.equals(mediaType);
    }

    /**
     * Whether the media type names a filesystem layer (a tar archive, maybe compressed).
     *
     * @param mediaType the media type
     * @return true for every OCI and Docker layer type listed here
     */
    public static boolean isLayer(String mediaType) {
        return LAYERS.containsKey(mediaType);
    }

    /**
     * Whether the media type names a layer that registries may not redistribute (OCI
     * non-distributable, Docker foreign).
     *
     * @param mediaType the media type
     * @return true for non-distributable and foreign layers
     */
    public static boolean isNonDistributable(String mediaType) {
        return NON_DISTRIBUTABLE.contains(mediaType);
    }

    /**
     * Returns how a layer of this media type is compressed.
     *
     * @param mediaType the media type
     * @return the compression, or empty if the media type is not a known layer type
     */
    public static Optional<Compression> layerCompression(String mediaType) {
        return Optional.ofNullable(LAYERS.get(mediaType));
    }

    /**
     * Whether the media type is one of Docker's schema 1 manifest types, which are refused.
     *
     * @param mediaType the media type
     * @return true for the two schema 1 types
     */
    public static boolean isDockerSchema1(String mediaType) {
        return DOCKER_SCHEMA1_MANIFEST.equals(mediaType) || DOCKER_SCHEMA1_SIGNED_MANIFEST.equals(mediaType);
    }

    /**
     * Checks that a media type names a manifest or index this module can read.
     *
     * <pre>{@code MediaType.requireManifestOrIndex(MediaType.DOCKER_SCHEMA1_MANIFEST) // throws}</pre>
     *
     * @param mediaType the media type
     * @return the media type, unchanged
     * @throws UnsupportedMediaTypeException for Docker schema 1 and any unknown type
     */
    public static String requireManifestOrIndex(String mediaType) {
        Objects.requireNonNull(mediaType, "mediaType");
        if (isDockerSchema1(mediaType)) {
            throw new UnsupportedMediaTypeException(mediaType, "Docker image manifest schema 1 is not"
                    + " supported (media type \"" + mediaType + "\"); push the image again with a current"
                    + " Docker or another OCI tool to get a schema 2 or OCI manifest");
        }
        if (!isManifest(mediaType) && !isIndex(mediaType)) {
            throw new UnsupportedMediaTypeException(mediaType, "unsupported manifest media type \""
                    + mediaType + "\"; expected one of " + OCI_MANIFEST + ", " + OCI_INDEX + ", "
                    + DOCKER_MANIFEST + ", " + DOCKER_MANIFEST_LIST);
        }
        return mediaType;
    }

    /**
     * Returns the bare media type of an HTTP {@code Content-Type} value: parameters dropped,
     * surrounding spaces trimmed, in lowercase.
     *
     * <pre>{@code MediaType.fromContentType("Application/JSON; charset=utf-8") // "application/json"}</pre>
     *
     * @param contentType the header value
     * @return the media type without parameters
     */
    public static String fromContentType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return bare.trim().toLowerCase(Locale.ROOT);
    }
}

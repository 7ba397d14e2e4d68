package dev.stevedore;

/**
 * The archive formats of {@link ImageManager#exportTo} ({@link ImageManager#importFrom}
 * recognizes them by their content).
 *
 * <pre>{@code
 * Images.exportTo(Path.of("busybox.tar"), ImageArchiveFormat.DOCKER_ARCHIVE, "busybox");
 * }</pre>
 */
public enum ImageArchiveFormat {
    /** An OCI image layout directory ({@code skopeo copy oci:DIR:NAME}); added to if it exists. */
    OCI_LAYOUT,
    /** An OCI image layout as a tar file ({@code skopeo copy oci-archive:FILE}). */
    OCI_ARCHIVE,
    /** A {@code docker save} tarball ({@code docker load}, {@code skopeo copy docker-archive:FILE}). */
    DOCKER_ARCHIVE
}

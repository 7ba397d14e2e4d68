package dev.stevedore.layerstore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Moves images between the store and files: OCI image layouts (directories or tarballs, as
 * {@code skopeo copy oci:} and {@code oci-archive:} use) and {@code docker save} tarballs (as
 * {@code docker load} and {@code skopeo copy docker-archive:} use). Imports verify every blob
 * before it is visible and set refs only once an image is complete; exports write to a temp
 * file or write blobs before the index, so a failure leaves no half-written archive.
 *
 * <pre>{@code
 * ImportResult imported = store.archives().importOci(Path.of("busybox-layout"));
 * store.archives().exportDocker(Path.of("busybox.tar"), List.of("latest"), DockerArchiveLayers.UNCOMPRESSED);
 * }</pre>
 */
public final class ImageArchives {
    /** How long the lease of an import without one of the caller's lasts. */
    private static final Duration IMPORT_LEASE = Duration.ofHours(1);

    private final LayerStore store;

    ImageArchives(LayerStore store) {
        this.store = store;
    }

    /**
     * Imports an OCI image layout, a directory or a tar file (plain, gzip or zstd), setting a ref
     * for every {@code index.json} entry with an {@code org.opencontainers.image.ref.name}.
     * Unnamed images are kept only until the import's own lease ends: use
     * {@link #importOci(Path, Lease)} to name them afterwards.
     *
     * @param layout the layout directory or tarball
     * @return the refs set and the images imported
     * @throws InvalidArchiveException if it is not a valid layout or lacks a needed blob
     * @throws BlobVerificationException if a blob does not match its descriptor
     */
    public ImportResult importOci(Path layout) {
        try (Lease lease = store.lease(IMPORT_LEASE)) {
            return importOci(layout, lease);
        }
    }

    /**
     * Imports an OCI image layout under the caller's lease; see {@link #importOci(Path)}.
     *
     * @param layout the layout directory or tarball
     * @param lease the lease that keeps every imported blob
     * @return the refs set and the images imported
     */
    public ImportResult importOci(Path layout, Lease lease) {
        Objects.requireNonNull(layout, "layout");
        try (ArchiveSource source = ArchiveSource.open(layout, store.paths(), store.openRoot())) {
            return new OciLayoutImport(store.blobStore(), store.indexRefs()).run(source, lease);
        }
    }

    /**
     * Imports a {@code docker save} tarball (classic {@code <id>/layer.tar} layout or the newer
     * {@code blobs/sha256/} one, plain or compressed, or such a tree as a directory). Each
     * RepoTag becomes a ref named by its canonical reference, such as
     * {@code docker.io/library/busybox:latest}.
     *
     * @param archive the tarball or directory
     * @return the refs set and the images (OCI manifests authored over the archive's config
     *     and layers) imported
     * @throws InvalidArchiveException if it is malformed or lacks a file
     * @throws BlobVerificationException if a layer does not match its diff ID
     */
    public ImportResult importDocker(Path archive) {
        try (Lease lease = store.lease(IMPORT_LEASE)) {
            return importDocker(archive, lease);
        }
    }

    /**
     * Imports a {@code docker save} tarball under the caller's lease; see
     * {@link #importDocker(Path)}.
     *
     * @param archive the tarball or directory
     * @param lease the lease that keeps every imported blob
     * @return the refs set and the images imported
     */
    public ImportResult importDocker(Path archive, Lease lease) {
        Objects.requireNonNull(archive, "archive");
        try (ArchiveSource source = ArchiveSource.open(archive, store.paths(), store.openRoot())) {
            return new DockerArchiveImport(store.blobStore(), store.indexRefs()).run(source, lease);
        }
    }

    /**
     * Writes refs into an OCI image layout directory, creating it or adding to an existing
     * layout (entries of the same names are replaced). Each entry keeps its ref name, so
     * {@code skopeo copy oci:DIR:NAME ...} finds it.
     *
     * @param dir the layout directory
     * @param refs the ref names to export
     * @throws RefNotFoundException if a ref does not exist
     * @throws BlobNotFoundException if a blob they need is missing (nothing is written then)
     */
    public void exportOci(Path dir, Collection<String> refs) {
        new OciLayoutExport(store.blobStore(), store.indexRefs()).toDirectory(dir, List.copyOf(refs));
    }

    /**
     * Writes refs as a reproducible OCI image layout tarball ({@code oci-archive:}).
     *
     * @param file the tarball, replaced atomically if it exists
     * @param refs the ref names to export
     * @throws RefNotFoundException if a ref does not exist
     * @throws BlobNotFoundException if a blob they need is missing (nothing is written then)
     */
    public void exportOciTar(Path file, Collection<String> refs) {
        new OciLayoutExport(store.blobStore(), store.indexRefs()).toTar(file, List.copyOf(refs));
    }

    /**
     * Writes refs as a classic {@code docker save} tarball that {@code docker load} and
     * {@code skopeo copy docker-archive:} read. Refs with an explicit tag in their name become
     * RepoTags ({@code docker.io/library/busybox:1} → {@code busybox:1}).
     *
     * @param file the tarball, replaced atomically if it exists
     * @param refs the ref names to export
     * @param layers plain tars as docker writes them, or the blobs as stored
     * @throws RefNotFoundException if a ref does not exist
     */
    public void exportDocker(Path file, Collection<String> refs, DockerArchiveLayers layers) {
        Objects.requireNonNull(layers, "layers");
        new DockerArchiveExport(store.blobStore(), store.indexRefs(), store.paths(), store.openRoot())
                .write(file, List.copyOf(refs), layers);
    }
}

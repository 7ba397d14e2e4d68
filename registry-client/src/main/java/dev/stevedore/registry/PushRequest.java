package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to push: the manifest (or index) bytes, exactly as they will be stored; for an index,
 * its child manifests; the blobs; where to read them; and optionally a repository of the same
 * registry to mount blobs from.
 *
 * <pre>{@code
 * PushRequest request = PushRequest.of(manifestBytes, blobs::open);
 * client.push(ImageReference.parse("127.0.0.1:5000/app:1"), request.withMountFrom("base"));
 * }</pre>
 *
 * @param manifest the manifest or index to put, tagged as the target says
 * @param children for an index, the image manifests it lists, pushed by digest first
 * @param blobs the blobs to make present (config and layers of every manifest)
 * @param source where the blob content comes from
 * @param mountFrom a repository of the target's registry to mount blobs from
 */
public record PushRequest(ManifestBytes manifest, List<ManifestBytes> children, List<Descriptor> blobs,
        BlobSource source, Optional<String> mountFrom) {
    /**
     * Copies the lists.
     *
     * @param manifest the manifest
     * @param children the children
     * @param blobs the blobs
     * @param source the source
     * @param mountFrom the repository to mount from
     */
    public PushRequest {
        Objects.requireNonNull(manifest, "manifest");
        children = List.copyOf(children);
        blobs = List.copyOf(blobs);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mountFrom, "mountFrom");
    }

    /**
     * A push of one image manifest or artifact: its config and layers are the blobs.
     *
     * @param manifest an image manifest
     * @param source where the config and layers come from
     * @return the request
     * @throws IllegalArgumentException if {@code manifest} is an index (use {@link #ofIndex})
     */
    public static PushRequest of(ManifestBytes manifest, BlobSource source) {
        if (!(manifest.document() instanceof ImageManifest image)) {
            throw new IllegalArgumentException("an index needs its child manifests: use PushRequest.ofIndex");
        }
        return new PushRequest(manifest, List.of(), blobsOf(image), source, Optional.empty());
    }

    /**
     * A push of an index and its image manifests; the blobs are those of every child.
     *
     * @param index the index
     * @param children the image manifests it lists
     * @param source where the blobs come from
     * @return the request
     * @throws IllegalArgumentException if {@code index} is not an index or a child is not an image manifest
     */
    public static PushRequest ofIndex(ManifestBytes index, List<ManifestBytes> children, BlobSource source) {
        if (!(index.document() instanceof ImageIndex)) {
            throw new IllegalArgumentException("not an index: " + index);
        }
        List<Descriptor> blobs = new ArrayList<>();
        for (ManifestBytes child : children) {
            if (!(child.document() instanceof ImageManifest image)) {
                throw new IllegalArgumentException("not an image manifest: " + child);
            }
            blobsOf(image).stream().filter(b -> blobs.stream().noneMatch(x -> x.digest().equals(b.digest())))
                    .forEach(blobs::add);
        }
        return new PushRequest(index, children, blobs, source, Optional.empty());
    }

    /**
     * This request, mounting blobs from {@code repository} of the same registry when possible.
     *
     * @param repository such as {@code library/busybox}
     * @return the new request
     */
    public PushRequest withMountFrom(String repository) {
        return new PushRequest(manifest, children, blobs, source, Optional.of(repository));
    }

    private static List<Descriptor> blobsOf(ImageManifest image) {
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(image.config());
        blobs.addAll(image.layers());
        return blobs;
    }
}

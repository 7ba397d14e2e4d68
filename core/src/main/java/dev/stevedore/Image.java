package dev.stevedore;

import dev.stevedore.layerstore.LayerRef;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.History;
import dev.stevedore.oci.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An image in an engine's store: an immutable snapshot of what the store held when this
 * handle was made. Its id is the digest of its config, as Docker's image id.
 *
 * <pre>{@code
 * Image busybox = Images.pull("busybox");
 * busybox.id();           // "sha256:..."
 * busybox.references();   // ["docker.io/library/busybox:latest"]
 * busybox.config().config().cmd();
 * busybox.tag("127.0.0.1:5000/tools/busybox:1").push();
 * }</pre>
 *
 * <p>{@link #references()} lists the reference this handle was obtained through first (the one
 * pulled, tagged or looked up, when it was a reference), then the image's other references
 * sorted. {@link #tag} and {@link #push} act through the engine that made the handle.
 */
public final class Image {
    private final ImageManager engine;
    private final Descriptor manifest;
    private final List<String> references;
    private final ImageConfig config;
    private final Digest configDigest;
    private final List<LayerRef> layers;
    private final long size;

    Image(ImageManager engine, Descriptor manifest, Digest configDigest, List<String> references, ImageConfig config,
            List<LayerRef> layers, long size) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.configDigest = Objects.requireNonNull(configDigest, "configDigest");
        this.references = List.copyOf(references);
        this.config = Objects.requireNonNull(config, "config");
        this.layers = List.copyOf(layers);
        this.size = size;
    }

    /**
     * The image id: its config's digest, as Docker shows it.
     *
     * @return such as {@code "sha256:3f57d9401f8d..."}
     */
    public String id() {
        return configDigest.toString();
    }

    /**
     * The config's digest, the id as a {@link Digest}.
     *
     * @return the config digest
     */
    public Digest configDigest() {
        return configDigest;
    }

    /**
     * The image manifest's digest, as in {@code name@sha256:...} references.
     *
     * @return the manifest digest
     */
    public Digest manifestDigest() {
        return manifest.digest();
    }

    /**
     * The image manifest's descriptor (media type, digest, size).
     *
     * @return the descriptor
     */
    public Descriptor manifest() {
        return manifest;
    }

    /**
     * The normalized references that point at this image, the one it was obtained through
     * first; empty for a dangling image.
     *
     * @return such as {@code ["docker.io/library/busybox:latest"]}
     */
    public List<String> references() {
        return references;
    }

    /**
     * The image's config: platform, container defaults, rootfs diff IDs and history.
     *
     * @return the parsed config
     */
    public ImageConfig config() {
        return config;
    }

    /**
     * The build history, oldest step first (empty-layer steps included).
     *
     * @return the config's history
     */
    public List<History> history() {
        return config.history();
    }

    /**
     * The layers, base first: each blob with the diff ID it unpacks to.
     *
     * @return the layers
     */
    public List<LayerRef> layers() {
        return layers;
    }

    /**
     * What the image takes in the content store: manifest, config and (compressed) layer blobs,
     * counting a blob used twice once. Snapshots (unpacked layers) are not counted.
     *
     * @return bytes
     */
    public long size() {
        return size;
    }

    /**
     * Points another reference at this image, locally (as {@code docker tag}).
     *
     * <pre>{@code Image mine = busybox.tag("127.0.0.1:5000/busybox:1");}</pre>
     *
     * @param reference the new reference; normalized as Docker does
     * @return the image as seen through the new reference
     * @throws ImageReferenceException if the reference is not valid or has a digest
     */
    public Image tag(String reference) {
        return engine.tag(this, reference);
    }

    /**
     * Pushes the image under its first reference (see {@link #references()}).
     *
     * <pre>{@code Images.pull("busybox").tag("127.0.0.1:5000/busybox:1").push();}</pre>
     *
     * @return this image
     * @throws IllegalStateException if the image has no reference
     * @throws PushException if the registry refuses it
     */
    public Image push() {
        if (references.isEmpty()) {
            throw new IllegalStateException("image " + id() + " has no reference to push to; tag it first");
        }
        return engine.push(this, references.get(0));
    }

    /**
     * Pushes the image to another reference (tagging it locally too), as
     * {@code docker tag} then {@code docker push}.
     *
     * @param reference where to push it, such as {@code "127.0.0.1:5000/app:1"}
     * @return the image as seen through that reference
     * @throws PushException if the registry refuses it
     */
    public Image push(String reference) {
        return engine.push(tag(reference), reference);
    }

    /** The same image seen through {@code reference} first. */
    Image through(String reference) {
        List<String> ordered = new ArrayList<>();
        ordered.add(reference);
        references.stream().filter(r -> !r.equals(reference)).forEach(ordered::add);
        return new Image(engine, manifest, configDigest, ordered, config, layers, size);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Image that && manifest.equals(that.manifest) && references.equals(that.references)
                && configDigest.equals(that.configDigest) && layers.equals(that.layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(manifest, references, configDigest);
    }

    @Override
    public String toString() {
        return "Image[" + id() + ", " + references + "]";
    }
}

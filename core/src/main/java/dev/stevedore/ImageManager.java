package dev.stevedore;

import dev.stevedore.layerstore.GcReport;
import dev.stevedore.layerstore.Hold;
import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The images of one engine's store: pull, tag, push, list, inspect, remove, prune, import
 * and export. Thread-safe. {@link Images} offers the same on {@link Stevedore#local()}.
 *
 * <pre>{@code
 * ImageManager images = engine.images();
 * Image busybox = images.pull("127.0.0.1:5000/busybox:latest");
 * images.tag("127.0.0.1:5000/busybox:latest", "127.0.0.1:5000/tools/busybox:1").push();
 * images.list().forEach(i -> System.out.println(i.id() + " " + i.references()));
 * images.remove("127.0.0.1:5000/tools/busybox:1");
 * images.prune();
 * }</pre>
 *
 * <p>References are normalized as Docker does ({@code busybox} is
 * {@code docker.io/library/busybox:latest}); wherever an existing image is meant, an image id
 * ({@code sha256:<hex>}, the hex alone, or a unique prefix of it) works too.
 */
public final class ImageManager {
    private final Stevedore engine;
    private final Platform platform;
    private final LayerStore store;
    private final ImageCatalog stored;
    private final ImageRefs refs;

    ImageManager(Stevedore engine, Platform platform) {
        this.engine = engine;
        this.platform = platform;
        this.store = engine.store();
        this.stored = new ImageCatalog(this, store, platform, engine.home().resolve("containers"));
        this.refs = new ImageRefs(store);
    }

    /**
     * Pulls an image for the engine's platform: resolves the reference at its registry (or a
     * mirror), downloads the config and the layers the store lacks, verified, then points the
     * reference at it. Pulling what is already here downloads nothing. Layers are unpacked only
     * when a container first needs them.
     *
     * <pre>{@code Image busybox = engine.images().pull("127.0.0.1:5000/busybox:1.36");}</pre>
     *
     * @param reference such as {@code busybox}, {@code ghcr.io/org/app:1} or {@code app@sha256:...}
     * @return the image, with {@code reference} (normalized) first in its references
     * @throws ImageReferenceException if the reference is not valid
     * @throws ImageNotFoundException if the registry has no such image
     * @throws PullException if the pull failed otherwise; no ref is set then
     */
    public Image pull(String reference) {
        ImageReference parsed = ImageNames.parse(reference);
        return new ImagePull(store, stored, refs).pull(engine.registry().client(), parsed, platform);
    }

    /**
     * Looks an image up in the store, never in a registry.
     *
     * @param referenceOrId a reference, or an image id (full, without {@code sha256:}, or a unique prefix)
     * @return the image, or empty if there is no such image here
     * @throws ImageReferenceException if it is neither a valid reference nor an id, or an
     *     ambiguous id prefix
     */
    public Optional<Image> find(String referenceOrId) {
        Objects.requireNonNull(referenceOrId, "referenceOrId");
        return new ImageLookup(store, stored).find(referenceOrId);
    }

    /**
     * Returns an image of the store with everything about it: config (platform, command,
     * environment...), history, layers with their sizes, and its size in the store.
     *
     * <pre>{@code
     * Image image = engine.images().inspect("busybox");
     * image.history().forEach(h -> System.out.println(h.createdBy().orElse("")));
     * }</pre>
     *
     * @param referenceOrId a reference or an image id
     * @return the image
     * @throws ImageNotFoundException if there is no such image in the store
     */
    public Image inspect(String referenceOrId) {
        return find(referenceOrId).orElseThrow(() -> notHere(referenceOrId));
    }

    /**
     * Lists the images of the store: those with references (by reference) and the dangling ones.
     *
     * @return the images, each once, with all its references
     */
    public List<Image> list() {
        return stored.all();
    }

    /**
     * Points another reference at an image, as {@code docker tag}.
     *
     * <pre>{@code engine.images().tag("busybox", "127.0.0.1:5000/busybox:1");}</pre>
     *
     * @param source a reference or image id of an image in the store
     * @param target the new reference, with a tag (or none, meaning {@code latest}) but no digest
     * @return the image, with {@code target} first in its references
     * @throws ImageNotFoundException if there is no such source image
     * @throws ImageReferenceException if {@code target} is not a valid reference or has a digest
     */
    public Image tag(String source, String target) {
        return tag(inspect(source), target);
    }

    /**
     * Pushes an image of the store to the registry its reference names.
     *
     * <pre>{@code engine.images().push("127.0.0.1:5000/app:1");}</pre>
     *
     * @param reference the image's reference, which is also where it goes
     * @return the image
     * @throws ImageNotFoundException if there is no such image in the store
     * @throws PushException if the registry refused it
     */
    public Image push(String reference) {
        Image image = find(reference).orElseThrow(() -> notHere(reference));
        ImageReference target = ImageNames.parse(reference);
        return push(image.through(target.toString()), target.toString());
    }

    /**
     * Tags an image with {@code target} and pushes it there.
     *
     * @param source a reference or image id of an image in the store
     * @param target where to push it
     * @return the image, with {@code target} first in its references
     * @throws PushException if the registry refused it
     */
    public Image push(String source, String target) {
        return inspect(source).push(target);
    }

    /**
     * Removes an image, as {@code docker rmi}; see {@link #remove(String, boolean)}.
     *
     * @param referenceOrId a reference or image id
     * @return what was untagged and deleted
     * @throws ImageNotFoundException if there is no such image
     * @throws ImageInUseException if containers use it, or an id names an image with several references
     */
    public ImageRemoval remove(String referenceOrId) {
        return remove(referenceOrId, false);
    }

    /**
     * Removes an image, as {@code docker rmi}. A reference is untagged; once an image has no
     * reference left it is deleted (its blobs are collected right away unless something else
     * keeps them). An image is refused while a container uses it (a hold
     * {@code container/<id>} keeps its manifest or config), and so is an id naming an image with
     * several references; {@code force} untags anyway, and an image containers use then stays
     * as a dangling image until they are gone.
     *
     * @param referenceOrId a reference or image id
     * @param force whether to remove an image that is in use or has several references
     * @return what was untagged and deleted
     * @throws ImageNotFoundException if there is no such image
     * @throws ImageInUseException if refused (nothing was changed)
     */
    public ImageRemoval remove(String referenceOrId, boolean force) {
        Objects.requireNonNull(referenceOrId, "referenceOrId");
        ImageRemoval removal = refs.locked(() -> new ImageRemover(store, stored, refs).remove(
                new ImageLookup(store, stored).findTarget(referenceOrId).orElseThrow(() -> notHere(referenceOrId)),
                force));
        if (removal.deleted().isEmpty()) {
            return removal;
        }
        GcReport gc = store.gc();
        return new ImageRemoval(removal.untagged(), removal.deleted(), gc.bytesFreed());
    }

    /**
     * Deletes dangling images (no reference left, no container using them) and the holds of
     * containers that no longer exist (left by a crash), then collects everything in the store
     * that no reference, lease or hold keeps, snapshots included.
     *
     * <pre>{@code System.out.println(Images.prune().bytesFreed() + " bytes freed");}</pre>
     *
     * @return what was deleted
     */
    public ImagePruneReport prune() {
        List<String> deleted = refs.locked(() -> {
            List<String> ids = new ArrayList<>();
            for (Hold hold : store.holds().list()) {
                if (stored.isStale(hold)) {
                    store.holds().remove(hold.name()); // a container's that is gone (its removal was lost in a crash)
                    continue;
                }
                if (!hold.name().startsWith(ImageCatalog.DANGLING_PREFIX)) {
                    continue;
                }
                Optional<Descriptor> target = stored.danglingTarget(hold);
                Optional<Image> image = target.flatMap(stored::read).map(s -> stored.image(s, List.of()));
                boolean named = target.isPresent() && !stored.referencesOf(target.get().digest()).isEmpty();
                if (image.isPresent() && !named && !stored.users(image.get()).isEmpty()) {
                    continue;
                }
                store.holds().remove(hold.name());
                if (image.isPresent() && !named) {
                    ids.add(image.get().id());
                }
            }
            return ids;
        });
        GcReport gc = store.gc();
        return new ImagePruneReport(deleted, gc.blobsRemoved().size(), gc.snapshotsRemoved().size(), gc.bytesFreed());
    }

    /**
     * Removes the build cache: every cached step result and every {@code RUN --mount=type=cache}
     * directory, then collects what no image, lease or other hold keeps (as
     * {@code docker builder prune --all}). Images are untouched; the next build of a Dockerfile
     * runs every step again. Cache mounts a build is using at the same time are removed under it,
     * so prune between builds.
     *
     * <pre>{@code
     * BuildCachePruneReport r = engine.images().pruneBuildCache();
     * System.out.println(r.entriesRemoved() + " entries, " + r.bytesFreed() + " bytes reclaimed");
     * }</pre>
     *
     * @return what was removed
     */
    public BuildCachePruneReport pruneBuildCache() {
        return BuildCachePrune.prune(store, engine.home());
    }

    /**
     * Imports images from an archive or layout, recognized by its content: an OCI image layout
     * (directory or tar, plain or compressed) or a {@code docker save} tarball. Images named
     * there by a reference get that reference; OCI names that are only a tag (as
     * {@code skopeo copy oci:dir:latest} writes) and unnamed images are imported as dangling
     * images (use {@link #importFrom(Path, String)} to name them).
     *
     * <pre>{@code List<Image> loaded = engine.images().importFrom(Path.of("busybox.tar"));}</pre>
     *
     * @param archive the archive file or layout directory
     * @return the images imported, in archive order
     * @throws ImageArchiveException if it is not a valid archive or a blob does not match
     */
    public List<Image> importFrom(Path archive) {
        return new ImageImport(store, stored, refs, platform).run(archive, Optional.empty());
    }

    /**
     * Imports images as {@link #importFrom(Path)}, naming those that have only a tag (or nothing)
     * in the archive after {@code repository}: {@code repository:<tag>}, or
     * {@code repository:latest} for an unnamed image.
     *
     * <pre>{@code engine.images().importFrom(Path.of("layout"), "127.0.0.1:5000/app");}</pre>
     *
     * @param archive the archive file or layout directory
     * @param repository such as {@code app} or {@code 127.0.0.1:5000/app}, without tag or digest
     * @return the images imported, in archive order
     * @throws ImageReferenceException if {@code repository} is not a valid repository
     * @throws ImageArchiveException if it is not a valid archive or a blob does not match
     */
    public List<Image> importFrom(Path archive, String repository) {
        ImageReference parsed = ImageNames.parse(repository);
        if (repository.contains("@") || !parsed.withoutTagOrDigest().name().equals(parsed.name())
                || lastComponent(repository).contains(":")) {
            throw new ImageReferenceException(repository, "a repository has neither tag nor digest");
        }
        return new ImageImport(store, stored, refs, platform).run(archive, Optional.of(parsed.withoutTagOrDigest()));
    }

    /**
     * Exports images into an archive or layout; see {@link #exportTo(Path, ImageArchiveFormat, List)}.
     *
     * <pre>{@code engine.images().exportTo(Path.of("busybox.tar"), ImageArchiveFormat.DOCKER_ARCHIVE, "busybox");}</pre>
     *
     * @param target the file or directory
     * @param format the format
     * @param references references or ids of images in the store, at least one
     * @throws ImageNotFoundException if one is not in the store
     * @throws ImageArchiveException if it cannot be written (nothing half-written is left)
     */
    public void exportTo(Path target, ImageArchiveFormat format, String... references) {
        exportTo(target, format, List.of(references));
    }

    /**
     * Exports images, each under its normalized reference (an id is exported under the
     * image's first reference): an OCI layout names each entry so in {@code index.json}
     * ({@code skopeo copy oci:DIR:docker.io/library/busybox:latest}); a docker archive lists
     * them as RepoTags ({@code busybox:latest}).
     *
     * @param target the file or directory
     * @param format the format
     * @param references references or ids of images in the store, at least one
     * @throws ImageNotFoundException if one is not in the store
     * @throws ImageArchiveException if it cannot be written (nothing half-written is left)
     */
    public void exportTo(Path target, ImageArchiveFormat format, List<String> references) {
        new ImageExport(store, stored).run(target, format, references);
    }

    Image tag(Image image, String reference) {
        ImageReference target = ImageNames.parse(reference);
        if (target.digest().isPresent()) {
            throw new ImageReferenceException(reference, "a tag cannot have a digest");
        }
        refs.point(target, image.manifest());
        return stored.image(stored.read(image.manifest()).orElseThrow(() -> notHere(image.id())),
                stored.referencesOf(image.manifestDigest())).through(target.toString());
    }

    Image push(Image image, String reference) {
        ImageReference target = ImageNames.parse(reference);
        new ImagePush(store, stored).push(engine.registry().client(), image, target);
        return image;
    }

    /**
     * Starts a Dockerfile build of a context directory, as {@code docker build}; see
     * {@link BuildRequest}.
     *
     * <pre>{@code Image app = engine.images().build(Path.of("project")).tag("app:1").build();}</pre>
     *
     * @param contextDir the build context (holding the {@code Dockerfile} unless told otherwise)
     * @return a request to configure and run
     */
    public BuildRequest build(Path contextDir) {
        return new BuildRequest(this, BuildSettings.of(contextDir.toAbsolutePath().normalize()));
    }

    Stevedore engine() {
        return engine;
    }

    Platform platform() {
        return platform;
    }

    /** A local image by reference or id, else pulled (references only). */
    Image resolveForRun(String reference) {
        Optional<Image> local = find(reference);
        if (local.isPresent()) {
            return local.get();
        }
        if (ImageNames.fullId(reference).isPresent()) {
            throw notHere(reference);
        }
        return pull(reference);
    }

    /** The image's snapshots, unpacked now if missing: overlay lower directories, top-most first. */
    List<Path> lowerDirs(Image image) {
        return store.snapshots().prepare(image.layers());
    }

    /** The container holds that keep an image. */
    List<String> users(Image image) {
        return stored.users(image);
    }

    private ImageNotFoundException notHere(String referenceOrId) {
        return new ImageNotFoundException(referenceOrId, "no such image: " + referenceOrId + " (not in the store at "
                + store.root() + "; pull it first)");
    }

    private static String lastComponent(String repository) {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }
}

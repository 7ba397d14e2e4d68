package dev.stevedore;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Images of the default engine, {@link Stevedore#local()}: the static shortcut for
 * {@code Stevedore.local().images()}. Use {@link Stevedore#builder()} and
 * {@link Stevedore#images()} for another home, credentials or registries.
 *
 * <pre>{@code
 * Image busybox = Images.pull("busybox");
 * busybox.tag("127.0.0.1:5000/busybox:1").push();
 * for (Image image : Images.list()) {
 *     System.out.println(image.id() + " " + image.references() + " " + image.size());
 * }
 * Images.remove("127.0.0.1:5000/busybox:1");
 * Images.prune();
 * }</pre>
 */
public final class Images {
    private Images() {
    }

    /**
     * Pulls an image; see {@link ImageManager#pull(String)}.
     *
     * @param reference such as {@code busybox} or {@code ghcr.io/org/app:1}
     * @return the image
     * @throws ImageNotFoundException if the registry has no such image
     * @throws PullException if the pull failed otherwise
     */
    public static Image pull(String reference) {
        return engine().pull(reference);
    }

    /**
     * Starts a Dockerfile build; see {@link ImageManager#build(Path)}.
     *
     * <pre>{@code Image app = Images.build(Path.of("project")).tag("app:1").build();}</pre>
     *
     * @param contextDir the build context
     * @return a request to configure and run
     */
    public static BuildRequest build(Path contextDir) {
        return engine().build(contextDir);
    }

    /**
     * Looks an image up in the store; see {@link ImageManager#find(String)}.
     *
     * @param referenceOrId a reference or image id
     * @return the image, if here
     */
    public static Optional<Image> find(String referenceOrId) {
        return engine().find(referenceOrId);
    }

    /**
     * Returns an image of the store; see {@link ImageManager#inspect(String)}.
     *
     * @param referenceOrId a reference or image id
     * @return the image
     * @throws ImageNotFoundException if it is not in the store
     */
    public static Image inspect(String referenceOrId) {
        return engine().inspect(referenceOrId);
    }

    /**
     * Lists the images; see {@link ImageManager#list()}.
     *
     * @return the images
     */
    public static List<Image> list() {
        return engine().list();
    }

    /**
     * Tags an image; see {@link ImageManager#tag(String, String)}.
     *
     * @param source a reference or image id
     * @param target the new reference
     * @return the image
     */
    public static Image tag(String source, String target) {
        return engine().tag(source, target);
    }

    /**
     * Pushes an image to its reference's registry; see {@link ImageManager#push(String)}.
     *
     * @param reference the image's reference
     * @return the image
     */
    public static Image push(String reference) {
        return engine().push(reference);
    }

    /**
     * Removes an image; see {@link ImageManager#remove(String, boolean)}.
     *
     * @param referenceOrId a reference or image id
     * @return what was untagged and deleted
     * @throws ImageInUseException if containers use it
     */
    public static ImageRemoval remove(String referenceOrId) {
        return engine().remove(referenceOrId);
    }

    /**
     * Removes an image, even one in use; see {@link ImageManager#remove(String, boolean)}.
     *
     * @param referenceOrId a reference or image id
     * @param force whether to remove it even if in use
     * @return what was untagged and deleted
     */
    public static ImageRemoval remove(String referenceOrId, boolean force) {
        return engine().remove(referenceOrId, force);
    }

    /**
     * Deletes dangling images and collects garbage; see {@link ImageManager#prune()}.
     *
     * @return what was deleted
     */
    public static ImagePruneReport prune() {
        return engine().prune();
    }

    /**
     * Removes the build cache (cached steps and cache mounts) and collects garbage; see
     * {@link ImageManager#pruneBuildCache()}.
     *
     * <pre>{@code System.out.println(Images.pruneBuildCache().bytesFreed() + " bytes reclaimed");}</pre>
     *
     * @return what was removed
     */
    public static BuildCachePruneReport pruneBuildCache() {
        return engine().pruneBuildCache();
    }

    /**
     * Imports an archive or layout; see {@link ImageManager#importFrom(Path)}.
     *
     * @param archive the archive file or layout directory
     * @return the images imported
     */
    public static List<Image> importFrom(Path archive) {
        return engine().importFrom(archive);
    }

    /**
     * Imports an archive or layout, naming unnamed images; see {@link ImageManager#importFrom(Path, String)}.
     *
     * @param archive the archive file or layout directory
     * @param repository the repository for images with only a tag or no name
     * @return the images imported
     */
    public static List<Image> importFrom(Path archive, String repository) {
        return engine().importFrom(archive, repository);
    }

    /**
     * Exports images; see {@link ImageManager#exportTo(Path, ImageArchiveFormat, List)}.
     *
     * @param target the file or directory
     * @param format the format
     * @param references references or ids
     */
    public static void exportTo(Path target, ImageArchiveFormat format, String... references) {
        engine().exportTo(target, format, references);
    }

    private static ImageManager engine() {
        return Stevedore.local().images();
    }
}

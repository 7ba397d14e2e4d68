package dev.stevedore;

import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.layerstore.Lease;
import dev.stevedore.layerstore.StoreException;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageConfig;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.OciException;
import dev.stevedore.oci.Platform;
import dev.stevedore.registry.NotFoundException;
import dev.stevedore.registry.PullResult;
import dev.stevedore.registry.RegistryClient;
import dev.stevedore.registry.RegistryException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pull: registry → store ingest under a lease → ref. The ref is set only once the
 * manifest, config and every layer are in the store, verified; snapshots are not unpacked here.
 */
final class ImagePull {
    private static final Logger log = LoggerFactory.getLogger(ImagePull.class);
    private static final Duration LEASE = Duration.ofHours(6);

    private final LayerStore store;
    private final ImageCatalog images;
    private final ImageRefs refs;

    ImagePull(LayerStore store, ImageCatalog images, ImageRefs refs) {
        this.store = store;
        this.images = images;
        this.refs = refs;
    }

    Image pull(RegistryClient client, ImageReference reference, Platform platform) {
        String name = reference.toString();
        Optional<ImageCatalog.Stored> local = reference.digest().isPresent() ? completeLocal(reference) : Optional.empty();
        if (local.isPresent()) {
            log.debug("{} is in the store already", name);
            refs.point(reference, local.get().manifest());
            return images.image(local.get(), images.referencesOf(local.get().manifest().digest())).through(name);
        }
        try (Lease lease = store.lease(LEASE)) {
            PullResult result = client.pull(reference, platform, new PullSink(store.blobs(), lease));
            ManifestBytes manifest = result.image().manifest();
            if (!(manifest.document() instanceof ImageManifest document)) {
                throw new PullException(name, "Tried to pull " + name + " but failed because: the registry "
                        + reference.registry() + " resolved it to " + manifest.mediaType() + ", not an image manifest", null);
            }
            Descriptor stored = store.blobs().write(manifest.mediaType(), manifest.bytes(), lease);
            ImageConfig config = checkedConfig(name, document);
            log.debug("pulled {}: {} blobs downloaded, {} already there", name, result.downloaded().size(),
                    result.skipped().size());
            refs.point(reference, stored);
            ImageCatalog.Stored image = new ImageCatalog.Stored(stored, document, config);
            return images.image(image, images.referencesOf(stored.digest())).through(name);
        } catch (NotFoundException e) {
            throw new ImageNotFoundException(name, "Tried to pull " + name + " but failed because: the registry "
                    + reference.registry() + " has no such image (" + e.getMessage() + ")", e);
        } catch (RegistryException e) {
            throw new PullException(name, "Tried to pull " + name + " from " + reference.registry()
                    + " but failed because: " + e.getMessage(), e);
        } catch (StoreException e) {
            throw new PullException(name, "Tried to pull " + name + " into the store at " + store.root()
                    + " but failed because: " + e.getMessage(), e);
        }
    }

    /** A pull by digest of an image whose manifest, config and layers are all here needs no registry. */
    private Optional<ImageCatalog.Stored> completeLocal(ImageReference reference) {
        if (!store.blobs().contains(reference.digest().orElseThrow())) {
            return Optional.empty();
        }
        byte[] bytes = images.bytes(reference.digest().orElseThrow());
        try {
            ManifestBytes parsed = ManifestBytes.parse(bytes);
            Descriptor target = Descriptor.of(parsed.mediaType(), parsed.digest(), bytes.length);
            return images.read(target).filter(s -> store.blobs().contains(s.document().config().digest())
                    && s.document().layers().stream().allMatch(l -> store.blobs().contains(l.digest())));
        } catch (OciException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ImageConfig checkedConfig(String name, ImageManifest document) {
        ImageConfig config;
        try {
            config = ImageConfig.parse(images.bytes(document.config().digest()));
        } catch (OciException | IllegalArgumentException e) {
            throw new PullException(name, "Tried to pull " + name + " but failed because: its config "
                    + document.config().digest() + " is not a valid image config: " + e.getMessage(), e);
        }
        int diffIds = config.rootfs().diffIds().size();
        if (diffIds != document.layers().size()) {
            throw new PullException(name, "Tried to pull " + name + " but failed because: its config lists " + diffIds
                    + " diff IDs for " + document.layers().size() + " layers", null);
        }
        return config;
    }
}

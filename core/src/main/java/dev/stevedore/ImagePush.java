package dev.stevedore;

import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.layerstore.StoreException;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.registry.PushRequest;
import dev.stevedore.registry.RegistryClient;
import dev.stevedore.registry.RegistryException;
import java.util.Optional;

/** One push: the manifest's exact bytes and its blobs from the store to a registry. */
final class ImagePush {
    private final LayerStore store;
    private final ImageCatalog images;

    ImagePush(LayerStore store, ImageCatalog images) {
        this.store = store;
        this.images = images;
    }

    void push(RegistryClient client, Image image, ImageReference target) {
        String name = target.toString();
        if (target.digest().isPresent() && !target.digest().get().equals(image.manifestDigest())) {
            throw new ImageReferenceException(name, "its digest is not that of the manifest of " + image.id()
                    + ", " + image.manifestDigest());
        }
        try {
            ManifestBytes manifest = images.manifest(image.manifest());
            PushRequest request = PushRequest.of(manifest, digest -> store.blobs().open(digest));
            Optional<String> mountFrom = image.references().stream().map(ImageNames::parse)
                    .filter(r -> r.registry().equals(target.registry()) && !r.repository().equals(target.repository()))
                    .map(ImageReference::repository).findFirst();
            client.push(target, mountFrom.map(request::withMountFrom).orElse(request));
        } catch (RegistryException e) {
            throw new PushException(name, "Tried to push " + image.id() + " to " + name + " but failed because: "
                    + e.getMessage(), e);
        } catch (StoreException e) {
            throw new PushException(name, "Tried to push " + image.id() + " to " + name + " but failed because: "
                    + "the store at " + store.root() + " failed: " + e.getMessage(), e);
        }
    }
}

package dev.stevedore;

import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageReference;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Changes to the engine's refs, keeping Docker's notion of dangling images: when a reference
 * moves away from an image (a newer pull, a tag, an import) and no other reference points at
 * it, the image stays, untagged, kept by a hold {@code dangling-image/<manifest digest>} until
 * {@link ImageManager#prune()} (or a remove by id). Changes from this JVM are serialized; two
 * JVMs changing the same refs at once may at worst leave a stale dangling hold, which prune
 * clears.
 */
final class ImageRefs {
    private final LayerStore store;
    private final Object lock = new Object();

    ImageRefs(LayerStore store) {
        this.store = store;
    }

    <T> T locked(Supplier<T> action) {
        synchronized (lock) {
            return action.get();
        }
    }

    /** Points a reference at a manifest; the image it pointed at before becomes dangling if nothing else names it. */
    void point(ImageReference reference, Descriptor manifest) {
        String name = ImageNames.refName(reference);
        Descriptor plain = Descriptor.of(manifest.mediaType(), manifest.digest(), manifest.size());
        synchronized (lock) {
            Optional<Descriptor> previous = store.refs().get(name);
            if (previous.isPresent() && previous.get().digest().equals(plain.digest())) {
                return;
            }
            store.refs().put(name, plain);
            store.holds().remove(ImageCatalog.danglingHold(plain.digest()));
            previous.ifPresent(p -> danglingIfOrphaned(p.digest()));
        }
    }

    /** Removes a ref by its name; leaves no dangling hold. */
    boolean delete(String refName) {
        synchronized (lock) {
            return store.refs().delete(refName);
        }
    }

    /** Keeps a manifest that no ref names as a dangling image. */
    void danglingIfOrphaned(Digest manifest) {
        synchronized (lock) {
            boolean named = store.refs().list().values().stream().anyMatch(d -> d.digest().equals(manifest));
            if (!named) {
                store.holds().put(ImageCatalog.danglingHold(manifest), Set.of(manifest), Set.of());
            }
        }
    }

    /** Stops keeping a dangling image. */
    boolean release(Digest manifest) {
        synchronized (lock) {
            return store.holds().remove(ImageCatalog.danglingHold(manifest));
        }
    }
}

package dev.stevedore;

import dev.stevedore.layerstore.LayerStore;
import java.util.ArrayList;
import java.util.List;

/** Docker's {@code rmi} rules; runs under the refs lock, and changes nothing when it refuses. */
final class ImageRemover {
    private final LayerStore store;
    private final ImageCatalog stored;
    private final ImageRefs refs;

    ImageRemover(LayerStore store, ImageCatalog stored, ImageRefs refs) {
        this.store = store;
        this.stored = stored;
        this.refs = refs;
    }

    ImageRemoval remove(ImageLookup.Target target, boolean force) {
        Image image = target.image();
        List<String> references = stored.referencesOf(image.manifestDigest());
        List<String> users = stored.users(image);
        if (target.refName().isPresent() && references.size() > 1) {
            refs.delete(target.refName().get());
            return new ImageRemoval(ImageNames.reference(target.refName().get()).stream().toList(), List.of(), 0);
        }
        if (target.refName().isEmpty() && references.size() > 1 && !force) {
            throw new ImageInUseException(image.id(), references, "Tried to remove image " + image.id()
                    + " but it has " + references.size() + " references " + references
                    + ": remove them one by one, or force");
        }
        if (!users.isEmpty() && !force) {
            throw new ImageInUseException(image.id(), users, "Tried to remove image " + describe(target)
                    + " but containers use it (" + String.join(", ", users) + "): remove them first, or force");
        }
        List<String> untagged = new ArrayList<>();
        if (target.refName().isPresent()) {
            refs.delete(target.refName().get());
            ImageNames.reference(target.refName().get()).ifPresent(untagged::add);
        } else {
            for (String reference : references) {
                refs.delete(ImageNames.refName(ImageNames.parse(reference)));
                untagged.add(reference);
            }
        }
        if (!store.refs().list().values().stream().noneMatch(d -> d.digest().equals(image.manifestDigest()))) {
            return new ImageRemoval(untagged, List.of(), 0); // named again meanwhile, by another engine
        }
        if (!users.isEmpty()) {
            refs.danglingIfOrphaned(image.manifestDigest());
            return new ImageRemoval(untagged, List.of(), 0);
        }
        stored.dropStaleHolds(image); // holds of containers gone (left by a crash) would keep it from GC
        refs.release(image.manifestDigest());
        return new ImageRemoval(untagged, List.of(image.id()), 0);
    }

    private static String describe(ImageLookup.Target target) {
        return target.refName().flatMap(ImageNames::reference).orElse(target.image().id());
    }
}

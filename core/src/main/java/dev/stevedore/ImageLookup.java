package dev.stevedore;

import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageReference;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Finds an image of the store by reference or id, as Docker does: a full id first, then a
 * reference (a digest reference also matches an image stored under another name with that
 * manifest digest), then a unique id prefix.
 */
final class ImageLookup {
    private final LayerStore store;
    private final ImageCatalog stored;

    ImageLookup(LayerStore store, ImageCatalog stored) {
        this.store = store;
        this.stored = stored;
    }

    /** What a remove or export names: the image, and the ref it was named by (none for an id). */
    record Target(Image image, Optional<String> refName) {
    }

    Optional<Image> find(String text) {
        return findTarget(text).map(Target::image);
    }

    Optional<Target> findTarget(String text) {
        Optional<String> fullId = ImageNames.fullId(text);
        if (fullId.isPresent()) {
            return byIdPrefix(text, fullId.get());
        }
        SortedMap<String, Descriptor> refs = store.refs().list(); // read once: the target and the other references
        Optional<Target> known = stored.foundBefore(text, refs);
        if (known.isPresent()) {
            return known;
        }
        Optional<ImageReference> reference = parseOrEmpty(text);
        if (reference.isPresent()) {
            Optional<Target> named = byReference(reference.get(), refs);
            if (named.isPresent()) {
                stored.found(text, refs, named.get());
                return named;
            }
        }
        Optional<String> prefix = ImageNames.shortId(text);
        if (prefix.isPresent()) {
            return byIdPrefix(text, prefix.get());
        }
        if (reference.isEmpty()) {
            ImageNames.parse(text); // throws, saying why
        }
        return Optional.empty();
    }

    private Optional<Target> byReference(ImageReference reference, SortedMap<String, Descriptor> refs) {
        String name = ImageNames.refName(reference);
        String normalized = reference.toString();
        Optional<Descriptor> target = Optional.ofNullable(refs.get(name));
        if (target.isPresent()) {
            return stored.read(target.get()).map(s -> new Target(
                    stored.image(s, stored.referencesOf(s.manifest().digest(), refs)).through(normalized),
                    Optional.of(name)));
        }
        if (reference.digest().isPresent()) {
            return stored.all().stream().filter(i -> i.manifestDigest().equals(reference.digest().get())).findFirst()
                    .map(i -> new Target(i, Optional.empty()));
        }
        return Optional.empty();
    }

    private Optional<Target> byIdPrefix(String text, String hexPrefix) {
        List<Image> matches = stored.all().stream().filter(i -> i.configDigest().encoded().startsWith(hexPrefix))
                .toList();
        if (matches.size() > 1) {
            throw new ImageReferenceException(text, "ambiguous: " + matches.size() + " images have ids starting "
                    + hexPrefix);
        }
        return matches.stream().findFirst().map(i -> new Target(i, Optional.empty()));
    }

    private static Optional<ImageReference> parseOrEmpty(String text) {
        try {
            return Optional.of(ImageNames.parse(text));
        } catch (ImageReferenceException e) {
            return Optional.empty();
        }
    }
}

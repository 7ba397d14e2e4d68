package dev.stevedore.registry;

import dev.stevedore.oci.ImageReference;
import java.util.Optional;

/**
 * What a request is for, named in errors ("Tried to pull manifest ... but failed because: ...")
 * and in events.
 *
 * @param description such as {@code "pull manifest 127.0.0.1:5000/app:1"}
 * @param target the reference or registry named in exceptions
 * @param image the image, for events
 */
record Action(String description, String target, Optional<ImageReference> image) {
    static Action on(String verb, ImageReference reference) {
        return new Action(verb + " " + reference, reference.toString(), Optional.of(reference));
    }

    static Action onRegistry(String verb, String registry) {
        return new Action(verb + " " + registry, registry, Optional.empty());
    }
}

package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * From a reference to image manifests: the manifest itself, or the index entry a platform
 * can run (oci's {@link ImageIndex#manifestFor(Platform)}), or every image entry. Nested
 * indexes are reported, not followed.
 */
final class ImageResolver {
    private ImageResolver() {
    }

    static ResolvedImage resolve(Function<ImageReference, ManifestBytes> manifests, ImageReference reference,
            Platform platform) {
        ManifestBytes top = manifests.apply(reference);
        if (!(top.document() instanceof ImageIndex index)) {
            return new ResolvedImage(reference, Optional.empty(), top);
        }
        Descriptor chosen = index.manifestFor(platform).orElseThrow(() -> new PlatformNotFoundException(
                "resolve " + reference + " for " + platform, reference.toString(), platform,
                index.manifests().stream().flatMap(d -> d.platform().stream()).toList()));
        return child(manifests, reference, top, chosen);
    }

    static List<ResolvedImage> resolveAll(Function<ImageReference, ManifestBytes> manifests, ImageReference reference) {
        ManifestBytes top = manifests.apply(reference);
        if (!(top.document() instanceof ImageIndex index)) {
            return List.of(new ResolvedImage(reference, Optional.empty(), top));
        }
        List<ResolvedImage> all = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            if (MediaType.isManifest(entry.mediaType())) {
                all.add(child(manifests, reference, top, entry));
            }
        }
        return List.copyOf(all);
    }

    private static ResolvedImage child(Function<ImageReference, ManifestBytes> manifests, ImageReference reference,
            ManifestBytes index, Descriptor entry) {
        ManifestBytes manifest = manifests.apply(reference.withDigest(entry.digest()));
        if (manifest.document() instanceof ImageIndex) {
            throw new UnsupportedContentException("resolve " + reference, reference.toString(), manifest.mediaType(),
                    "the index entry " + entry.digest() + " is itself an index; nested indexes are not followed", null);
        }
        return new ResolvedImage(reference, Optional.of(index), manifest);
    }
}

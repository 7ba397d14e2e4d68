package dev.stevedore;

import dev.stevedore.layerstore.ImportResult;
import dev.stevedore.layerstore.InvalidArchiveException;
import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.layerstore.Lease;
import dev.stevedore.layerstore.StoreException;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * An import through the store's {@code ImageArchives}, then renamed to the engine's rules: the
 * store sets refs by the names in the archive, which the engine turns into normalized
 * references (an OCI name such as {@code latest} is not one: it names a dangling image, or
 * {@code <repository>:latest} when the caller gave a repository). Images of an index are
 * resolved to the engine's platform.
 */
final class ImageImport {
    /** The annotation Docker and containerd put on the index entries of the layouts they write. */
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final Duration LEASE = Duration.ofHours(6);

    private final LayerStore store;
    private final ImageCatalog stored;
    private final ImageRefs refs;
    private final Platform platform;

    ImageImport(LayerStore store, ImageCatalog stored, ImageRefs refs, Platform platform) {
        this.store = store;
        this.stored = stored;
        this.refs = refs;
        this.platform = platform;
    }

    List<Image> run(Path archive, Optional<ImageReference> repository) {
        if (!Files.exists(archive)) {
            throw new ImageArchiveException(archive, "Tried to import " + archive + " but failed because: no such file",
                    null);
        }
        try (Lease lease = store.lease(LEASE)) {
            SortedMap<String, Descriptor> before = store.refs().list();
            ImportResult result = load(archive, lease); // the slow part, outside the refs lock
            return refs.locked(() -> {
                Map<Digest, String> named = new LinkedHashMap<>();
                for (Map.Entry<String, Descriptor> entry : result.refs().entrySet()) {
                    Optional<ImageReference> reference = referenceFor(entry.getKey(), entry.getValue(), repository);
                    String raw = entry.getKey();
                    if (reference.isEmpty() || !ImageNames.refName(reference.get()).equals(raw)) {
                        restore(raw, before);
                    }
                    reference.ifPresent(r -> name(r, entry.getValue(), before).ifPresent(d -> named.putIfAbsent(d,
                            r.toString())));
                }
                List<Image> images = new ArrayList<>();
                List<Digest> seen = new ArrayList<>();
                for (Descriptor image : result.images()) {
                    Optional<ImageCatalog.Stored> read = stored.read(image);
                    if (read.isEmpty() || seen.contains(read.get().manifest().digest())) {
                        continue;
                    }
                    Digest manifest = read.get().manifest().digest();
                    seen.add(manifest);
                    String through = named.get(manifest);
                    if (through == null && repository.isPresent()) {
                        ImageReference latest = repository.get().withTag("latest");
                        name(latest, image, before);
                        through = latest.toString();
                    } else if (through == null) {
                        refs.danglingIfOrphaned(manifest);
                    }
                    Image loaded = stored.image(read.get(), stored.referencesOf(manifest));
                    images.add(through == null ? loaded : loaded.through(through));
                }
                if (images.isEmpty()) {
                    throw new ImageArchiveException(archive, "Tried to import " + archive + " but failed because: it"
                            + " holds no image that runs on " + platform, null);
                }
                return images;
            });
        } catch (StoreException e) {
            throw new ImageArchiveException(archive, "Tried to import " + archive + " but failed because: "
                    + e.getMessage(), e);
        }
    }

    private ImportResult load(Path archive, Lease lease) {
        Optional<ImageArchiveKind> kind;
        try {
            kind = ImageArchiveKind.detect(archive);
        } catch (IOException e) {
            kind = Optional.empty();
        }
        if (kind.isPresent()) {
            return kind.get() == ImageArchiveKind.DOCKER ? store.archives().importDocker(archive, lease)
                    : store.archives().importOci(archive, lease);
        }
        try {
            return store.archives().importOci(archive, lease);
        } catch (InvalidArchiveException notOci) {
            try {
                return store.archives().importDocker(archive, lease);
            } catch (InvalidArchiveException notDocker) {
                notDocker.addSuppressed(notOci);
                throw notDocker;
            }
        }
    }

    /** The reference an archive's name stands for, if any. */
    private static Optional<ImageReference> referenceFor(String raw, Descriptor entry,
            Optional<ImageReference> repository) {
        Optional<ImageReference> annotated = Optional.ofNullable(entry.annotations().get(CONTAINERD_NAME))
                .flatMap(ImageImport::parse);
        if (annotated.isPresent()) {
            return annotated;
        }
        Optional<ImageReference> normalized = ImageNames.reference(raw).flatMap(ImageImport::parse);
        if (normalized.isPresent()) {
            return normalized;
        }
        if (raw.contains("/") || raw.contains(":") || raw.contains("@")) {
            return parse(raw);
        }
        return repository.flatMap(r -> {
            try {
                return Optional.of(r.withTag(raw));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** Points a reference at an imported image; what it named before the import becomes dangling. */
    private Optional<Digest> name(ImageReference reference, Descriptor target, SortedMap<String, Descriptor> before) {
        Optional<ImageCatalog.Stored> read = stored.read(target);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Descriptor manifest = read.get().manifest();
        refs.point(reference, manifest);
        refs.release(manifest.digest());
        Optional.ofNullable(before.get(ImageNames.refName(reference))).map(Descriptor::digest)
                .filter(d -> !d.equals(manifest.digest())).ifPresent(refs::danglingIfOrphaned);
        return Optional.of(manifest.digest());
    }

    /** Puts back (or removes) a ref the store's import set under a name that is not the engine's. */
    private void restore(String raw, SortedMap<String, Descriptor> before) {
        Descriptor previous = before.get(raw);
        if (previous != null) {
            store.refs().put(raw, Descriptor.of(previous.mediaType(), previous.digest(), previous.size()));
        } else {
            store.refs().delete(raw);
        }
    }

    private static Optional<ImageReference> parse(String text) {
        try {
            return Optional.of(ImageNames.parse(text));
        } catch (ImageReferenceException e) {
            return Optional.empty();
        }
    }
}

package dev.stevedore;

import dev.stevedore.layerstore.Hold;
import dev.stevedore.layerstore.LayerRef;
import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.layerstore.StoreException;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageConfig;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.ManifestDocument;
import dev.stevedore.oci.OciException;
import dev.stevedore.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads images out of the layer store: refs (by normalized reference), dangling images (holds
 * named {@code dangling-image/<manifest digest>}) and the holds of containers
 * ({@code container/<id>}).
 */
final class ImageCatalog {
    static final String DANGLING_PREFIX = "dangling-image/";
    static final String CONTAINER_PREFIX = "container/";

    /** How many manifests (with their configs) {@link #read} keeps in memory. */
    static final int CACHED = 64;

    private final ImageManager manager;
    private final LayerStore store;
    private final Platform platform;
    private final Path containers;
    /** What a reference was last found to be (see {@link #foundBefore}). */
    private final Map<String, Found> foundCache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Found> eldest) {
            return size() > CACHED;
        }
    };
    /** What {@link #read} found, by the target's digest and media type; least recently used goes first. */
    private final Map<StoredKey, Stored> storedCache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<StoredKey, Stored> eldest) {
            return size() > CACHED;
        }
    };

    ImageCatalog(ImageManager manager, LayerStore store, Platform platform, Path containers) {
        this.manager = manager;
        this.store = store;
        this.platform = platform;
        this.containers = containers;
    }

    /** A manifest in the store, resolved from an index for this platform if need be. */
    record Stored(Descriptor manifest, ImageManifest document, ImageConfig config) {
    }

    /** A lookup by reference, and the refs it was made against. */
    private record Found(Map<String, Descriptor> refs, ImageLookup.Target target) {
    }

    /** A manifest (or index) as a ref names it: what {@link #read} depends on besides the platform. */
    private record StoredKey(Digest digest, String mediaType) {
    }

    /**
     * Reads the image manifest a ref (or hold) points at; empty if it is not a runnable image here.
     * Manifests and configs are content-addressed, so what was read once is kept (in memory,
     * {@value #CACHED} at most) and only checked to still be in the store.
     */
    Optional<Stored> read(Descriptor target) {
        StoredKey key = new StoredKey(target.digest(), target.mediaType());
        Stored cached;
        synchronized (storedCache) {
            cached = storedCache.get(key);
        }
        if (cached != null) {
            if (store.blobs().contains(target.digest()) && store.blobs().contains(cached.manifest().digest())) {
                return Optional.of(cached);
            }
            synchronized (storedCache) {
                storedCache.remove(key);
            }
        }
        Optional<Stored> read = readUncached(target);
        read.ifPresent(stored -> {
            synchronized (storedCache) {
                storedCache.put(key, stored);
            }
        });
        return read;
    }

    /**
     * What {@code text} was found to be by reference when the refs were {@code refs} (the very
     * map {@link dev.stevedore.layerstore.Refs#list()} returns while they do not change), if its
     * manifest is still in the store.
     */
    Optional<ImageLookup.Target> foundBefore(String text, Map<String, Descriptor> refs) {
        Found found;
        synchronized (foundCache) {
            found = foundCache.get(text);
        }
        if (found == null || found.refs() != refs || found.target().refName().isEmpty()
                || !store.blobs().contains(refs.get(found.target().refName().get()).digest())
                || !store.blobs().contains(found.target().image().manifestDigest())) {
            return Optional.empty();
        }
        return Optional.of(found.target());
    }

    /** Remembers what {@code text} was found to be by reference, for {@link #foundBefore}. */
    void found(String text, Map<String, Descriptor> refs, ImageLookup.Target target) {
        if (target.refName().isPresent() && refs.containsKey(target.refName().get())) {
            synchronized (foundCache) {
                foundCache.put(text, new Found(refs, target));
            }
        }
    }

    private Optional<Stored> readUncached(Descriptor target) {
        try {
            ManifestDocument document = manifest(target).document();
            Descriptor manifest = target;
            if (document instanceof ImageIndex index) {
                Optional<Descriptor> chosen = index.manifestFor(platform);
                if (chosen.isEmpty() || !store.blobs().contains(chosen.get().digest())) {
                    return Optional.empty();
                }
                manifest = chosen.get();
                document = manifest(manifest).document();
            }
            if (!(document instanceof ImageManifest image)) {
                return Optional.empty();
            }
            Descriptor plain = Descriptor.of(manifest.mediaType(), manifest.digest(), manifest.size());
            return Optional.of(new Stored(plain, image, ImageConfig.parse(bytes(image.config().digest()))));
        } catch (StoreException | OciException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    ManifestBytes manifest(Descriptor target) {
        return ManifestBytes.parse(bytes(target.digest()), Optional.of(target.mediaType()));
    }

    byte[] bytes(Digest digest) {
        try (InputStream in = store.blobs().open(digest)) {
            return in.readNBytes(ManifestBytes.MAX_SIZE + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("read blob " + digest + " from " + store.root(), e);
        }
    }

    Image image(Stored stored, List<String> references) {
        ImageManifest document = stored.document();
        List<Digest> diffIds = stored.config().rootfs().diffIds();
        List<LayerRef> layers = new ArrayList<>();
        int count = Math.min(diffIds.size(), document.layers().size());
        for (int i = 0; i < count; i++) {
            layers.add(new LayerRef(document.layers().get(i), diffIds.get(i)));
        }
        long size = stored.manifest().size() + document.config().size();
        Set<Digest> seen = new HashSet<>();
        for (Descriptor layer : document.layers()) {
            if (seen.add(layer.digest())) {
                size += layer.size();
            }
        }
        return new Image(manager, stored.manifest(), document.config().digest(), references, stored.config(), layers,
                size);
    }

    /** Every image: those with references (sorted), then dangling ones, by manifest digest. */
    List<Image> all() {
        Map<Digest, Stored> images = new LinkedHashMap<>();
        Map<Digest, List<String>> references = new LinkedHashMap<>();
        Map<Digest, Optional<Stored>> cache = new LinkedHashMap<>();
        store.refs().list().forEach((name, target) -> ImageNames.reference(name).ifPresent(reference -> {
            Optional<Stored> stored = cache.computeIfAbsent(target.digest(), d -> read(target));
            stored.ifPresent(s -> {
                images.putIfAbsent(s.manifest().digest(), s);
                references.computeIfAbsent(s.manifest().digest(), d -> new ArrayList<>()).add(reference);
            });
        }));
        for (Hold hold : store.holds().list()) {
            if (hold.name().startsWith(DANGLING_PREFIX)) {
                danglingTarget(hold).filter(d -> !images.containsKey(d.digest())).flatMap(this::read)
                        .ifPresent(s -> images.putIfAbsent(s.manifest().digest(), s));
            }
        }
        List<Image> result = new ArrayList<>();
        images.forEach((digest, stored) -> {
            List<String> refs = new ArrayList<>(references.getOrDefault(digest, List.of()));
            refs.sort(null);
            result.add(image(stored, refs));
        });
        return result;
    }

    /** The references (sorted) that point at a manifest. */
    List<String> referencesOf(Digest manifest) {
        return referencesOf(manifest, store.refs().list());
    }

    /** The references (sorted) among {@code refs} (as {@link dev.stevedore.layerstore.Refs#list()} gave them) that point at a manifest. */
    List<String> referencesOf(Digest manifest, Map<String, Descriptor> refs) {
        List<String> result = new ArrayList<>();
        refs.forEach((name, target) -> ImageNames.reference(name).ifPresent(reference -> {
            if (target.digest().equals(manifest)
                    || read(target).map(s -> s.manifest().digest().equals(manifest)).orElse(false)) {
                result.add(reference);
            }
        }));
        result.sort(null);
        return result;
    }

    /** The names of the container holds that keep an image's manifest or config (stale ones aside). */
    List<String> users(Image image) {
        List<String> users = new ArrayList<>();
        for (Hold hold : store.holds().list()) {
            if (hold.name().startsWith(CONTAINER_PREFIX) && !isStale(hold)
                    && (hold.blobs().contains(image.manifestDigest()) || hold.blobs().contains(image.configDigest()))) {
                users.add(hold.name());
            }
        }
        return users;
    }

    /** Removes the holds of containers that are gone (see {@link #isStale}) and kept an image's manifest or config. */
    void dropStaleHolds(Image image) {
        for (Hold hold : store.holds().list()) {
            if (isStale(hold)
                    && (hold.blobs().contains(image.manifestDigest()) || hold.blobs().contains(image.configDigest()))) {
                store.holds().remove(hold.name());
            }
        }
    }

    /**
     * Whether a hold is a container's whose container is gone: named {@code container/<full id>}
     * with no directory for that id. A container's directory is made before its hold and deleted
     * before it; a hold can outlive it when its removal was lost in a crash (holds of containers
     * are removed without waiting for the disk).
     */
    boolean isStale(Hold hold) {
        if (!hold.name().startsWith(CONTAINER_PREFIX)) {
            return false;
        }
        String id = hold.name().substring(CONTAINER_PREFIX.length());
        return ContainerId.isFull(id) && !ContainerRecords.mayExist(containers, id);
    }

    static String danglingHold(Digest manifest) {
        return DANGLING_PREFIX + manifest;
    }

    /** The manifest a dangling-image hold keeps, as a descriptor read back from the store. */
    Optional<Descriptor> danglingTarget(Hold hold) {
        Digest digest;
        try {
            digest = Digest.parse(hold.name().substring(DANGLING_PREFIX.length()));
        } catch (OciException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!store.blobs().contains(digest)) {
            return Optional.empty();
        }
        byte[] bytes = bytes(digest);
        try {
            ManifestBytes parsed = ManifestBytes.parse(bytes);
            return Optional.of(Descriptor.of(parsed.mediaType(), digest, bytes.length));
        } catch (OciException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

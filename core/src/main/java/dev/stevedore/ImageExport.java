package dev.stevedore;

import dev.stevedore.layerstore.DockerArchiveLayers;
import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.layerstore.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An export through the store's {@code ImageArchives}, each image under its store ref name. */
final class ImageExport {
    private final LayerStore store;
    private final ImageCatalog stored;

    ImageExport(LayerStore store, ImageCatalog stored) {
        this.store = store;
        this.stored = stored;
    }

    void run(Path target, ImageArchiveFormat format, List<String> references) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        if (references.isEmpty()) {
            throw new IllegalArgumentException("export needs at least one image");
        }
        List<String> names = new ArrayList<>();
        ImageLookup lookup = new ImageLookup(store, stored);
        for (String reference : references) {
            ImageLookup.Target found = lookup.findTarget(reference).orElseThrow(() -> new ImageNotFoundException(
                    reference, "no such image: " + reference + " (not in the store at " + store.root() + ")"));
            String name = found.refName().or(() -> found.image().references().stream().findFirst()
                    .map(r -> ImageNames.refName(ImageNames.parse(r))))
                    .orElseThrow(() -> new ImageArchiveException(target, "Tried to export image " + found.image().id()
                            + " but failed because: it has no reference to name it by in the archive; tag it first",
                            null));
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        try {
            switch (format) {
                case OCI_LAYOUT -> store.archives().exportOci(target, names);
                case OCI_ARCHIVE -> store.archives().exportOciTar(target, names);
                case DOCKER_ARCHIVE -> store.archives().exportDocker(target, names, DockerArchiveLayers.UNCOMPRESSED);
            }
        } catch (StoreException e) {
            throw new ImageArchiveException(target, "Tried to export " + references + " to " + target
                    + " but failed because: " + e.getMessage(), e);
        }
    }
}

package dev.stevedore;

import dev.stevedore.layerstore.LayerRef;
import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.oci.ContainerConfig;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageConfig;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The end of a build: the target stage's config (with the request's labels and {@code created})
 * and manifest go into the store, kept by a dangling-image hold, then every tag points at it.
 */
final class BuildCommit {
    private BuildCommit() {
    }

    static Image commit(BuilderRun build, BuildState state) {
        LayerStore store = build.store;
        ContainerConfig c = state.config();
        if (!build.settings.labels().isEmpty()) {
            Map<String, String> labels = new TreeMap<>(c.labels());
            labels.putAll(build.settings.labels());
            c = c.withLabels(labels);
        }
        ImageConfig dated = state.image().withHistory(BuildHistory.dateLeading(state.image().history(),
                build.created));
        ImageConfig config = dated.withConfig(c).withCreated(build.lastCreated(state.withImage(dated)));
        Descriptor configBlob = store.blobs().write(MediaType.OCI_CONFIG, config.toJson(), build.lease());
        List<Descriptor> layers = state.layers().stream().map(LayerRef::blob).toList();
        ManifestBytes manifest = ManifestBytes.of(ImageManifest.of(configBlob, layers));
        Descriptor stored = store.blobs().write(MediaType.OCI_MANIFEST, manifest.bytes(), build.lease());
        store.holds().put(ImageCatalog.danglingHold(stored.digest()), Set.of(stored.digest()), Set.of());
        String id = configBlob.digest().toString();
        Image image = build.images.inspect(id);
        for (String tag : build.settings.tags()) {
            image = build.images.tag(id, tag);
        }
        List<String> names = build.settings.tags().isEmpty() ? List.of(id) : build.settings.tags();
        if (build.settings.push()) {
            build.settings.tags().forEach(build.images::push);
        }
        for (BuildSettings.BuildOutput output : build.settings.outputs()) {
            build.images.exportTo(output.target(), output.format(), names);
        }
        return build.settings.tags().isEmpty() ? image : build.images.inspect(build.settings.tags().get(0));
    }
}

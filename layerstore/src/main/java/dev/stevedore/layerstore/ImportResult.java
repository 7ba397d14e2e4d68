package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import brought into the store.
 *
 * <pre>{@code
 * ImportResult imported = store.archives().importDocker(Path.of("app.tar"));
 * Descriptor app = imported.refs().get("docker.io/library/app:1");
 * }</pre>
 *
 * @param refs the refs that were set, in archive order
 * @param images every image (manifest or index) imported, named or not, in archive order; an
 *     unnamed one is kept only by the lease it was imported under
 */
public record ImportResult(Map<String, Descriptor> refs, List<Descriptor> images) {
    /**
     * Creates a result.
     *
     * @param refs the refs that were set, in archive order
     * @param images every image imported, in archive order
     */
    public ImportResult {
        refs = Collections.unmodifiableMap(new LinkedHashMap<>(refs));
        images = List.copyOf(images);
    }
}

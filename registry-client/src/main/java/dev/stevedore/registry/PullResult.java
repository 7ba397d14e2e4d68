package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import java.util.List;
import java.util.Objects;

/**
 * What {@link RegistryClient#pull} did: the resolved image and which blobs were downloaded
 * or found already in the sink. Every blob of the image is in the sink when it returns.
 *
 * <pre>{@code
 * PullResult result = client.pull(ref, Platform.host(), sink);
 * store.recordRef(ref, result.image().manifest().bytes());
 * }</pre>
 *
 * @param image the index (if any) and manifest, as received
 * @param config the config descriptor
 * @param layers the layer descriptors, base first
 * @param downloaded the blobs downloaded by this pull
 * @param skipped the blobs the sink already had
 */
public record PullResult(ResolvedImage image, Descriptor config, List<Descriptor> layers, List<Descriptor> downloaded,
        List<Descriptor> skipped) {
    /**
     * Copies the lists.
     *
     * @param image the image
     * @param config the config
     * @param layers the layers
     * @param downloaded the downloaded blobs
     * @param skipped the skipped blobs
     */
    public PullResult {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        downloaded = List.copyOf(downloaded);
        skipped = List.copyOf(skipped);
    }
}

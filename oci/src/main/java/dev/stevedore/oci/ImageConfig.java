package dev.stevedore.oci;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image configuration: the platform, the run configuration, the layer diff IDs and the
 * history of an image.
 *
 * <p>Fields this module does not model are kept, at every level, in {@link UnknownFields},
 * so reading a config, changing it and writing it again loses nothing.
 *
 * <pre>{@code
 * ImageConfig base = ImageConfig.parse(configBytes);
 * ImageConfig next = base.withConfig(base.config().withEnvVariable("APP", "1"))
 *         .withLayer(diffId, History.of(now, "COPY app /app"));
 * byte[] json = next.toJson(); // digest these bytes for the new manifest
 * }</pre>
 *
 * @param created when the image was made
 * @param author who made the image
 * @param architecture the CPU architecture, such as {@code "amd64"}
 * @param os the operating system, such as {@code "linux"}
 * @param osVersion the operating system version, if any
 * @param osFeatures required operating system features
 * @param variant the CPU variant, if any
 * @param config how to run a container of the image
 * @param rootfs the layer diff IDs
 * @param history how each layer was made, base first
 * @param unknownFields top-level fields this module does not model, kept as read
 */
public record ImageConfig(Optional<Instant> created, Optional<String> author, String architecture, String os,
        Optional<String> osVersion, List<String> osFeatures, Optional<String> variant, ContainerConfig config,
        RootFs rootfs, List<History> history, UnknownFields unknownFields) {

    /**
     * Creates an image config.
     *
     * @param created when the image was made
     * @param author who made the image
     * @param architecture the CPU architecture, such as {@code "amd64"}
     * @param os the operating system, such as {@code "linux"}
     * @param osVersion the operating system version, if any
     * @param osFeatures required operating system features
     * @param variant the CPU variant, if any
     * @param config how to run a container of the image
     * @param rootfs the layer diff IDs
     * @param history how each layer was made, base first
     * @param unknownFields top-level fields this module does not model, kept as read
     * @throws IllegalArgumentException if architecture or os is empty
     */
    public ImageConfig {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(author, "author");
        if (architecture.isEmpty() || os.isEmpty()) {
            throw new IllegalArgumentException("image config needs an architecture and an os");
        }
        Objects.requireNonNull(osVersion, "osVersion");
        osFeatures = List.copyOf(osFeatures);
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(rootfs, "rootfs");
        history = List.copyOf(history);
        Objects.requireNonNull(unknownFields, "unknownFields");
    }

    /**
     * Returns an empty configuration (no layers, nothing to run) for a platform.
     *
     * @param platform the platform of the image
     * @return the configuration
     */
    public static ImageConfig of(Platform platform) {
        return new ImageConfig(Optional.empty(), Optional.empty(), platform.architecture(), platform.os(),
                platform.osVersion(), platform.osFeatures(), platform.variant(), ContainerConfig.empty(),
                RootFs.of(List.of()), List.of(), UnknownFields.none());
    }

    /**
     * Parses a configuration blob (OCI or Docker).
     *
     * @param json the blob
     * @return the configuration
     * @throws MalformedDocumentException naming the field and value if the blob is not a valid
     *     image config
     */
    public static ImageConfig parse(byte[] json) {
        return ConfigJson.read(json);
    }

    /**
     * Writes this configuration as compact JSON: known fields in a fixed order, maps sorted,
     * then the unknown fields as read.
     *
     * @return the JSON bytes
     */
    public byte[] toJson() {
        return Json.bytes(ConfigJson.write(this));
    }

    /**
     * Returns the platform the image is for.
     *
     * @return the platform, as written in the config
     */
    public Platform platform() {
        return new Platform(os, architecture, variant, osVersion, osFeatures);
    }

    /**
     * Returns this image config with another run configuration.
     *
     * @param value the run configuration
     * @return the new image config
     */
    public ImageConfig withConfig(ContainerConfig value) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, value, rootfs,
                history, unknownFields);
    }

    /**
     * Returns this image config with another creation time.
     *
     * @param value when the image was made
     * @return the new image config
     */
    public ImageConfig withCreated(Instant value) {
        return new ImageConfig(Optional.of(value), author, architecture, os, osVersion, osFeatures, variant,
                config, rootfs, history, unknownFields);
    }

    /**
     * Returns this image config with another author.
     *
     * @param value who made the image
     * @return the new image config
     */
    public ImageConfig withAuthor(String value) {
        return new ImageConfig(created, Optional.of(value), architecture, os, osVersion, osFeatures, variant,
                config, rootfs, history, unknownFields);
    }

    /**
     * Returns this image config with a new top layer and the history entry that made it.
     *
     * @param diffId the uncompressed digest of the layer
     * @param step how the layer was made; its {@code emptyLayer} is set to false
     * @return the new image config
     */
    public ImageConfig withLayer(Digest diffId, History step) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config,
                rootfs.withDiffId(diffId), append(step.withEmptyLayer(false)), unknownFields);
    }

    /**
     * Returns this image config with a history entry for a step that made no layer.
     *
     * @param step the step, such as an {@code ENV}; its {@code emptyLayer} is set to true
     * @return the new image config
     */
    public ImageConfig withEmptyLayerStep(History step) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config,
                rootfs, append(step.withEmptyLayer(true)), unknownFields);
    }

    /**
     * Returns this image config with its history replaced (as many entries that made a layer as
     * before, in the same order).
     *
     * <pre>{@code ImageConfig dated = config.withHistory(filledIn);}</pre>
     *
     * @param value the history, base first
     * @return the new image config
     */
    public ImageConfig withHistory(List<History> value) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config, rootfs,
                value, unknownFields);
    }

    private List<History> append(History step) {
        List<History> more = new ArrayList<>(history);
        more.add(step);
        return more;
    }
}

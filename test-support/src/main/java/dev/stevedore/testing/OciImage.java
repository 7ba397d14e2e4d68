package dev.stevedore.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A single-layer OCI image held as bytes: config, manifest and gzip layer, each JSON document
 * built field by field in a fixed order and written compactly, so the same inputs always give
 * the same digests. {@link #writeLayout} writes it as an OCI image layout.
 */
record OciImage(byte[] config, byte[] manifest, byte[] layer, Digest diffId) {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Builds an image from an uncompressed layer tar, for the host's architecture
     * ({@link Platform#host()}): Debian's busybox-static is built for the host.
     */
    static OciImage of(byte[] layerTar, Instant created, List<String> env, List<String> cmd, String createdBy) {
        byte[] layer = LayerArchive.gzip(layerTar);
        Digest diffId = Digest.of(layerTar);
        ObjectNode config = JSON.createObjectNode();
        config.put("created", created.toString());
        config.put("architecture", Platform.host().architecture());
        config.put("os", "linux");
        ObjectNode runtime = config.putObject("config");
        env.forEach(runtime.putArray("Env")::add);
        cmd.forEach(runtime.putArray("Cmd")::add);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId.toString());
        ObjectNode history = config.putArray("history").addObject();
        history.put("created", created.toString());
        history.put("created_by", createdBy);
        byte[] configBytes = bytes(config);

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaType.OCI_MANIFEST);
        descriptor(manifest.putObject("config"), MediaType.OCI_CONFIG, configBytes);
        descriptor(manifest.putArray("layers").addObject(), MediaType.OCI_LAYER_TAR_GZIP, layer);
        return new OciImage(configBytes, bytes(manifest), layer, diffId);
    }

    Digest configDigest() {
        return Digest.of(config);
    }

    Digest manifestDigest() {
        return Digest.of(manifest);
    }

    Digest layerDigest() {
        return Digest.of(layer);
    }

    /** Writes {@code oci-layout}, {@code index.json} (one manifest, named {@code tag}) and the three blobs. */
    void writeLayout(Path dir, String tag) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX);
        ObjectNode entry = index.putArray("manifests").addObject();
        descriptor(entry, MediaType.OCI_MANIFEST, manifest);
        ObjectNode platform = entry.putObject("platform");
        platform.put("architecture", Platform.host().architecture());
        platform.put("os", "linux");
        entry.putObject("annotations").put(REF_NAME, tag);
        try {
            Path blobs = dir.resolve("blobs");
            for (byte[] blob : List.of(config, manifest, layer)) {
                Path file = blobs.resolve(Digest.of(blob).blobPath());
                Files.createDirectories(file.getParent());
                Files.write(file, blob);
            }
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
            Files.write(dir.resolve("index.json"), bytes(index));
        } catch (IOException e) {
            throw new FixtureException("Tried to write an OCI image layout into " + dir + " but failed because: "
                    + e.getMessage(), e);
        }
    }

    private static void descriptor(ObjectNode node, String mediaType, byte[] blob) {
        node.put("mediaType", mediaType);
        node.put("digest", Digest.of(blob).toString());
        node.put("size", blob.length);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}

package dev.stevedore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageConfig;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.MediaType;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.LocalRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Another image on the busybox layer: the same config with another author, so another config
 * digest and manifest, written as an OCI layout tagged {@code variant}.
 */
record ImageVariant(Path layoutDir, Digest manifestDigest, Digest configDigest) {
    static final String TAG = "variant";

    static ImageVariant of(BusyboxImage busybox, Path layoutDir, String author) {
        try {
            Files.createDirectories(layoutDir.resolve("blobs/sha256"));
            ImageConfig config = ImageConfig.parse(Files.readAllBytes(busybox.blob(busybox.configDigest())))
                    .withAuthor(author);
            byte[] configBytes = config.toJson();
            Descriptor configDescriptor = Descriptor.ofContent(MediaType.OCI_CONFIG, configBytes);
            byte[] layer = Files.readAllBytes(busybox.blob(busybox.layerDigest()));
            Descriptor layerDescriptor = Descriptor.ofContent(MediaType.OCI_LAYER_TAR_GZIP, layer);
            byte[] manifest = ImageManifest.of(configDescriptor, List.of(layerDescriptor)).toJson();
            Descriptor manifestDescriptor = Descriptor.ofContent(MediaType.OCI_MANIFEST, manifest);
            write(layoutDir, configBytes, configDescriptor.digest());
            write(layoutDir, layer, layerDescriptor.digest());
            write(layoutDir, manifest, manifestDescriptor.digest());
            Files.writeString(layoutDir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.writeString(layoutDir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                    + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + manifestDescriptor.digest() + "\",\"size\":"
                    + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + TAG + "\"}}]}");
            return new ImageVariant(layoutDir, manifestDescriptor.digest(), configDescriptor.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String pushTo(LocalRegistry registry, String repositoryAndTag) {
        return registry.push(layoutDir, TAG, repositoryAndTag);
    }

    private static void write(Path layoutDir, byte[] bytes, Digest digest) throws IOException {
        Files.write(layoutDir.resolve("blobs").resolve(digest.blobPath()), bytes);
    }
}

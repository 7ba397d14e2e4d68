package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Real content for tests: deterministic bytes and small but complete images (tar layer, config, manifest). */
final class TestContent {
    private TestContent() {
    }

    /** A small image written into a store. */
    record TinyImage(Descriptor manifest, Descriptor config, Descriptor layer, Digest diffId) {
        List<Digest> digests() {
            return List.of(manifest.digest(), config.digest(), layer.digest());
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes a one-layer image whose only file holds {@code seed}, under {@code lease}. */
    static TinyImage image(LayerStore store, Lease lease, String seed) {
        byte[] tar = tar("hello-" + seed + ".txt", ("hello " + seed + "\n").getBytes(StandardCharsets.UTF_8));
        Digest diffId = Digest.of(tar);
        byte[] layerBytes = gzip(tar);
        String config = "{\"architecture\":\"" + Platform.host().architecture() + "\",\"os\":\"linux\","
                + "\"config\":{\"Cmd\":[\"sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}";
        Descriptor layer = store.blobs().write(MediaType.OCI_LAYER_TAR_GZIP, layerBytes, lease);
        Descriptor configDescriptor = store.blobs().write(MediaType.OCI_CONFIG,
                config.getBytes(StandardCharsets.UTF_8), lease);
        ManifestBytes manifest = ManifestBytes.of(ImageManifest.of(configDescriptor, List.of(layer)));
        Descriptor manifestDescriptor = store.blobs().write(manifest.mediaType(), manifest.bytes(), lease);
        return new TinyImage(manifestDescriptor, configDescriptor, layer, diffId);
    }

    static byte[] tar(String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setModTime(java.nio.file.attribute.FileTime.from(Instant.EPOCH));
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The names of the files in a directory (empty if it does not exist). */
    static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The blob files of a store, as digests. */
    static List<String> blobFiles(Path root) {
        return files(root.resolve("blobs/sha256"));
    }
}

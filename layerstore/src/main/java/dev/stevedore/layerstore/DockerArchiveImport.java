package dev.stevedore.layerstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stevedore.oci.Compression;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageConfig;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a {@code docker save} tarball (or such a directory), either layout: the classic one
 * ({@code <id>/layer.tar}, {@code <hex>.json}, maybe with skopeo's symlinks) and the newer one
 * with {@code blobs/sha256/<hex>} paths. {@code manifest.json} says which config and layers
 * make each image and which {@code RepoTags} name it.
 *
 * <p>The config is stored byte for byte (its digest is the image ID). Each layer is stored as
 * it is in the archive and must match the config's {@code rootfs.diff_ids}: a plain tar is
 * verified while it is written, a gzip or zstd one is decompressed and hashed before it becomes
 * visible. An OCI manifest is then authored over them, and each RepoTag becomes a ref named by
 * the canonical form of the reference ({@code busybox:1} → {@code docker.io/library/busybox:1}).
 */
final class DockerArchiveImport {
    private static final int MAX_JSON = 16 * 1024 * 1024;
    private static final Pattern HEX_NAME = Pattern.compile("(?:.*/)?(?:sha256:)?([0-9a-f]{64})(?:\\.json)?");

    private final LayoutBlobStore blobs;
    private final IndexRefs refs;

    DockerArchiveImport(LayoutBlobStore blobs, IndexRefs refs) {
        this.blobs = blobs;
        this.refs = refs;
    }

    ImportResult run(ArchiveSource source, Lease lease) {
        JsonNode manifest = parse(source, "manifest.json");
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw new InvalidArchiveException(source.origin(), "manifest.json", "expected a non-empty JSON array");
        }
        Map<String, Descriptor> names = new LinkedHashMap<>();
        List<Descriptor> images = new ArrayList<>();
        for (JsonNode item : manifest) {
            Descriptor image = importImage(source, item, lease);
            images.add(image);
            for (JsonNode tag : item.path("RepoTags")) {
                names.put(refName(source, tag.asText()), image);
            }
        }
        refs.putAll(names);
        return new ImportResult(names, images);
    }

    private Descriptor importImage(ArchiveSource source, JsonNode item, Lease lease) {
        String configName = item.path("Config").asText("");
        if (configName.isEmpty() || !item.path("Layers").isArray()) {
            throw new InvalidArchiveException(source.origin(), "manifest.json", "an image needs Config and Layers");
        }
        byte[] configBytes = source.readSmall(configName, MAX_JSON);
        Digest configDigest = Digest.of(configBytes);
        Matcher named = HEX_NAME.matcher(configName);
        if (named.matches() && !named.group(1).equals(configDigest.encoded())) {
            throw new InvalidArchiveException(source.origin(), configName, "content has digest " + configDigest
                    + ", not the one its name says");
        }
        ImageConfig config;
        try {
            config = ImageConfig.parse(configBytes);
        } catch (OciException e) {
            throw new InvalidArchiveException(source.origin(), configName, e.getMessage());
        }
        List<Digest> diffIds = config.rootfs().diffIds();
        List<String> layerNames = new ArrayList<>();
        item.path("Layers").forEach(layer -> layerNames.add(layer.asText()));
        if (layerNames.size() != diffIds.size()) {
            throw new InvalidArchiveException(source.origin(), configName, "has " + diffIds.size()
                    + " diff_ids but manifest.json lists " + layerNames.size() + " layers");
        }
        Descriptor configDescriptor = blobs.write(MediaType.OCI_CONFIG, configBytes, lease);
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < layerNames.size(); i++) {
            layers.add(importLayer(source, layerNames.get(i), diffIds.get(i), lease));
        }
        ManifestBytes authored = ManifestBytes.of(ImageManifest.of(configDescriptor, layers));
        return blobs.write(authored.mediaType(), authored.bytes(), lease);
    }

    private Descriptor importLayer(ArchiveSource source, String name, Digest diffId, Lease lease) {
        ArchiveSource.Entry entry = source.entry(name).orElseThrow(() ->
                new InvalidArchiveException(source.origin(), name, "layer " + diffId + " is missing"));
        try {
            Compression compression = StreamCompression.sniff(entry.open());
            if (compression == Compression.NONE) {
                try (InputStream in = entry.open()) {
                    return blobs.ingest(in, Descriptor.of(MediaType.OCI_LAYER_TAR, diffId, entry.size()), lease);
                }
            }
            try (InputStream in = entry.open();
                    BlobWriter out = blobs.writer(StreamCompression.layerMediaType(compression), lease)) {
                in.transferTo(out);
                return out.commit(file -> {
                    try (InputStream tar = StreamCompression.decompress(Files.newInputStream(file), compression)) {
                        Digest actual = Digest.compute(diffId.algorithm(), tar);
                        if (!actual.equals(diffId)) {
                            throw new BlobDigestMismatchException(diffId, actual);
                        }
                    }
                });
            }
        } catch (IOException e) {
            throw new StoreIOException("read layer " + name + " from the archive", source.origin(), e);
        }
    }

    private static String refName(ArchiveSource source, String repoTag) {
        try {
            String name = ImageReference.parse(repoTag).toString();
            return RefNames.check(name);
        } catch (OciException | IllegalArgumentException e) {
            throw new InvalidArchiveException(source.origin(), "manifest.json", "invalid RepoTag \"" + repoTag
                    + "\": " + e.getMessage());
        }
    }

    private static JsonNode parse(ArchiveSource source, String name) {
        try {
            return StoreJson.parse(source.readSmall(name, MAX_JSON));
        } catch (IOException e) {
            throw new InvalidArchiveException(source.origin(), name, "not valid JSON: " + e.getMessage());
        }
    }
}

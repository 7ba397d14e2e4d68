package dev.stevedore.layerstore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stevedore.oci.Compression;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.DigestingOutputStream;
import dev.stevedore.oci.ImageConfig;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.ManifestDocument;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.OciException;
import dev.stevedore.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes refs as a classic {@code docker save} tarball: per layer a directory
 * {@code <id>/} with {@code VERSION}, {@code json} and {@code layer.tar}; the config as
 * {@code <config hex>.json}, byte for byte; {@code manifest.json} with Config, RepoTags and
 * Layers; and {@code repositories}. Refs that point at the same manifest become one image with
 * several RepoTags. An index is resolved to the manifest for this machine's platform.
 *
 * <p>Layer ids are derived from chain IDs (plus the config for the top layer), so they are
 * stable and layers shared by several images are written once. A ref gets a RepoTag when its
 * name is a reference with an explicit tag ({@code busybox:1}, {@code ghcr.io/a/b:2}); others
 * (a bare {@code latest}, digest refs) are exported without one.
 */
final class DockerArchiveExport {
    private final LayoutBlobStore blobs;
    private final IndexRefs refs;
    private final StorePaths paths;
    private final OpenRoot root;

    DockerArchiveExport(LayoutBlobStore blobs, IndexRefs refs, StorePaths paths, OpenRoot root) {
        this.blobs = blobs;
        this.refs = refs;
        this.paths = paths;
        this.root = root;
    }

    private record Image(ImageManifest manifest, byte[] configBytes, ImageConfig config, List<String> repoTags) {
    }

    void write(Path file, Collection<String> names, DockerArchiveLayers mode) {
        Map<Digest, Image> images = new LinkedHashMap<>();
        for (String name : names) {
            Descriptor target = refs.get(name).orElseThrow(() -> new RefNotFoundException(name));
            Descriptor manifest = platformManifest(name, target);
            Image image = images.computeIfAbsent(manifest.digest(), d -> load(name, manifest));
            repoTag(name).filter(tag -> !image.repoTags().contains(tag)).ifPresent(image.repoTags()::add);
        }
        try (ArchiveWriter out = ArchiveWriter.create(file)) {
            ArrayNode manifestJson = StoreJson.object().arrayNode();
            Map<String, Map<String, String>> repositories = new TreeMap<>();
            Set<String> written = new HashSet<>();
            for (Image image : images.values()) {
                List<String> layerPaths = writeLayers(out, image, mode, written);
                String configName = image.manifest().config().digest().encoded() + ".json";
                out.file(configName, image.configBytes());
                ObjectNode entry = manifestJson.addObject();
                entry.put("Config", configName);
                entry.set("RepoTags", StoreJson.object().arrayNode().addAll(image.repoTags().stream()
                        .map(t -> StoreJson.object().textNode(t)).toList()));
                ArrayNode layers = entry.putArray("Layers");
                layerPaths.forEach(layers::add);
                if (!layerPaths.isEmpty()) {
                    String topId = layerPaths.get(layerPaths.size() - 1).split("/")[0];
                    for (String tag : image.repoTags()) {
                        int colon = tag.lastIndexOf(':');
                        repositories.computeIfAbsent(tag.substring(0, colon), k -> new TreeMap<>())
                                .put(tag.substring(colon + 1), topId);
                    }
                }
            }
            out.file("manifest.json", StoreJson.bytes(manifestJson));
            ObjectNode repositoriesJson = StoreJson.object();
            repositories.forEach((repo, tags) -> {
                ObjectNode byTag = repositoriesJson.putObject(repo);
                tags.forEach(byTag::put);
            });
            out.file("repositories", StoreJson.bytes(repositoriesJson));
            out.commit();
        } catch (IOException e) {
            throw new StoreIOException("export a docker archive", file, e);
        }
    }

    private Descriptor platformManifest(String name, Descriptor target) {
        ManifestDocument document = document(name, target);
        if (document instanceof ImageIndex index) {
            Descriptor chosen = index.manifestFor(Platform.host()).orElseThrow(() -> new StoreException(
                    "cannot export ref \"" + name + "\" as a docker archive: its index has no manifest for "
                            + Platform.host()));
            if (!blobs.contains(chosen.digest())) {
                throw new BlobNotFoundException(chosen.digest(), "the store at " + paths.root()
                        + " (the " + Platform.host() + " manifest of ref \"" + name + "\")");
            }
            return chosen;
        }
        return target;
    }

    private ManifestDocument document(String name, Descriptor d) {
        try {
            return ManifestBytes.parse(blobs.readAll(d.digest(), ManifestBytes.MAX_SIZE), Optional.of(d.mediaType()))
                    .document();
        } catch (OciException e) {
            throw new StoreException("cannot export ref \"" + name + "\": " + d.digest() + " is not a manifest: "
                    + e.getMessage(), e);
        }
    }

    private Image load(String name, Descriptor manifestDescriptor) {
        if (!(document(name, manifestDescriptor) instanceof ImageManifest manifest)) {
            throw new StoreException("cannot export ref \"" + name + "\": " + manifestDescriptor.digest()
                    + " is an index of indexes");
        }
        byte[] configBytes = blobs.readAll(manifest.config().digest(), 64L * 1024 * 1024);
        ImageConfig config;
        try {
            config = ImageConfig.parse(configBytes);
        } catch (OciException e) {
            throw new StoreException("cannot export ref \"" + name + "\" as a docker archive: its config "
                    + manifest.config().digest() + " is not an image config: " + e.getMessage(), e);
        }
        if (config.rootfs().diffIds().size() != manifest.layers().size()) {
            throw new StoreException("cannot export ref \"" + name + "\": its manifest has " + manifest.layers().size()
                    + " layers but its config " + config.rootfs().diffIds().size() + " diff_ids");
        }
        return new Image(manifest, configBytes, config, new ArrayList<>());
    }

    private List<String> writeLayers(ArchiveWriter out, Image image, DockerArchiveLayers mode, Set<String> written)
            throws IOException {
        List<ChainId> chain = ChainId.chain(image.config().rootfs().diffIds());
        List<String> paths = new ArrayList<>();
        String parent = "";
        for (int i = 0; i < chain.size(); i++) {
            boolean top = i == chain.size() - 1;
            String seed = chain.get(i) + (top ? " " + image.manifest().config().digest() : "");
            String id = Digest.of(seed.getBytes(StandardCharsets.UTF_8)).encoded();
            paths.add(id + "/layer.tar");
            if (written.add(id)) {
                out.directory(id);
                out.file(id + "/VERSION", "1.0".getBytes(StandardCharsets.US_ASCII));
                out.file(id + "/json", legacyJson(id, parent, image.config()));
                writeLayer(out, id + "/layer.tar", image.manifest().layers().get(i),
                        image.config().rootfs().diffIds().get(i), mode);
            }
            parent = id;
        }
        return paths;
    }

    private void writeLayer(ArchiveWriter out, String name, Descriptor layer, Digest diffId, DockerArchiveLayers mode)
            throws IOException {
        Compression compression = MediaType.layerCompression(layer.mediaType())
                .orElseGet(() -> sniff(layer.digest()));
        if (mode == DockerArchiveLayers.AS_STORED || compression == Compression.NONE) {
            long size = blobs.size(layer.digest()).orElseThrow(() ->
                    new BlobNotFoundException(layer.digest(), "the store at " + paths.root()));
            try (InputStream in = blobs.open(layer.digest())) {
                out.file(name, size, in);
            }
            return;
        }
        // The tar header needs the size first: decompress into a temp file, checking the diff ID.
        try (IngestFile plain = IngestFile.create(paths, root, diffId.encoded())) {
            OutputStream sink = Channels.newOutputStream(plain.channel());
            DigestingOutputStream digesting = DigestingOutputStream.of(sink, diffId.algorithm());
            try (InputStream in = StreamCompression.decompress(blobs.open(layer.digest()), compression)) {
                in.transferTo(digesting);
            }
            digesting.flush();
            if (!digesting.digest().equals(diffId)) {
                throw new BlobDigestMismatchException(diffId, digesting.digest());
            }
            try (InputStream in = Files.newInputStream(plain.path())) {
                out.file(name, digesting.size(), in);
            }
        }
    }

    private Compression sniff(Digest digest) {
        try {
            return StreamCompression.sniff(blobs.open(digest));
        } catch (IOException e) {
            throw new StoreIOException("read blob " + digest, paths.blob(digest), e);
        }
    }

    private static byte[] legacyJson(String id, String parent, ImageConfig config) {
        ObjectNode json = StoreJson.object();
        json.put("id", id);
        if (!parent.isEmpty()) {
            json.put("parent", parent);
        }
        json.put("created", config.created().map(Object::toString).orElse(ArchiveWriter.MTIME.toString()));
        json.putObject("container_config");
        json.put("os", config.os());
        return StoreJson.bytes(json);
    }

    /** The RepoTag for a ref name: {@code familiar-name:tag} if the name spells out a tag. */
    static Optional<String> repoTag(String name) {
        try {
            ImageReference reference = ImageReference.parse(name);
            if (reference.digest().isPresent() || reference.tag().isEmpty()
                    || !name.endsWith(":" + reference.tag().get())) {
                return Optional.empty();
            }
            return Optional.of(reference.familiarName() + ":" + reference.tag().get());
        } catch (OciException e) {
            return Optional.empty();
        }
    }
}

package dev.stevedore.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Reads and writes image manifests and indexes. */
final class ManifestJson {
    static final String MANIFEST_KIND = "image manifest";
    static final String INDEX_KIND = "image index";

    private ManifestJson() {
    }

    static ImageManifest readManifest(JsonFields fields, String mediaType) {
        int schemaVersion = schemaVersion(fields);
        Descriptor config = DescriptorJson.read(fields.requiredObject("config"));
        List<Descriptor> layers = fields.objectList("layers", true).stream().map(DescriptorJson::read).toList();
        return new ImageManifest(schemaVersion, mediaType, DescriptorJson.mediaType(fields, "artifactType"),
                config, layers, fields.optionalObject("subject").map(DescriptorJson::read),
                fields.stringMap("annotations"));
    }

    static ImageIndex readIndex(JsonFields fields, String mediaType) {
        int schemaVersion = schemaVersion(fields);
        List<Descriptor> manifests = fields.objectList("manifests", true).stream().map(DescriptorJson::read).toList();
        return new ImageIndex(schemaVersion, mediaType, DescriptorJson.mediaType(fields, "artifactType"),
                manifests, fields.optionalObject("subject").map(DescriptorJson::read),
                fields.stringMap("annotations"));
    }

    private static int schemaVersion(JsonFields fields) {
        int version = fields.requiredInt("schemaVersion");
        if (version != 2) {
            throw fields.error("schemaVersion", "must be 2");
        }
        return version;
    }

    static ObjectNode write(ImageManifest manifest) {
        ObjectNode node = header(manifest);
        node.set("config", DescriptorJson.write(manifest.config()));
        ArrayNode layers = node.putArray("layers");
        manifest.layers().forEach(layer -> layers.add(DescriptorJson.write(layer)));
        footer(node, manifest);
        return node;
    }

    static ObjectNode write(ImageIndex index) {
        ObjectNode node = header(index);
        ArrayNode manifests = node.putArray("manifests");
        index.manifests().forEach(entry -> manifests.add(DescriptorJson.write(entry)));
        footer(node, index);
        return node;
    }

    private static ObjectNode header(ManifestDocument document) {
        ObjectNode node = Json.object();
        node.put("schemaVersion", document.schemaVersion());
        node.put("mediaType", document.mediaType());
        document.artifactType().ifPresent(t -> node.put("artifactType", t));
        return node;
    }

    private static void footer(ObjectNode node, ManifestDocument document) {
        document.subject().ifPresent(s -> node.set("subject", DescriptorJson.write(s)));
        DescriptorJson.putMap(node, "annotations", document.annotations());
    }
}

package dev.stevedore.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads and writes descriptors and platforms, the parts shared by manifests and indexes. */
final class DescriptorJson {
    private DescriptorJson() {
    }

    static Descriptor read(JsonFields fields) {
        String mediaType = mediaType(fields, "mediaType").orElseThrow(() ->
                fields.error("mediaType", "required field is missing"));
        Digest digest = fields.convert("digest", Digest::parse);
        long size = fields.requiredNonNegativeLong("size");
        List<String> urls = fields.stringList("urls");
        Map<String, String> annotations = fields.stringMap("annotations");
        Optional<Platform> platform = fields.optionalObject("platform").map(DescriptorJson::readPlatform);
        Optional<String> artifactType = mediaType(fields, "artifactType");
        return new Descriptor(mediaType, digest, size, urls, annotations, platform, artifactType);
    }

    /** An optional media-type field, checked for syntax. */
    static Optional<String> mediaType(JsonFields fields, String field) {
        Optional<String> value = fields.optionalString(field);
        if (value.isPresent() && !Descriptor.isValidMediaType(value.get())) {
            throw fields.error(field, "malformed media type");
        }
        return value;
    }

    static Platform readPlatform(JsonFields fields) {
        String architecture = fields.requiredString("architecture");
        String os = fields.requiredString("os");
        if (architecture.isEmpty()) {
            throw fields.error("architecture", "must not be empty");
        }
        if (os.isEmpty()) {
            throw fields.error("os", "must not be empty");
        }
        return new Platform(os, architecture, fields.optionalString("variant"),
                fields.optionalString("os.version"), fields.stringList("os.features"));
    }

    static ObjectNode write(Descriptor descriptor) {
        ObjectNode node = Json.object();
        node.put("mediaType", descriptor.mediaType());
        node.put("digest", descriptor.digest().toString());
        node.put("size", descriptor.size());
        putList(node, "urls", descriptor.urls());
        putMap(node, "annotations", descriptor.annotations());
        descriptor.platform().ifPresent(p -> node.set("platform", writePlatform(p)));
        descriptor.artifactType().ifPresent(t -> node.put("artifactType", t));
        return node;
    }

    static ObjectNode writePlatform(Platform platform) {
        ObjectNode node = Json.object();
        node.put("architecture", platform.architecture());
        node.put("os", platform.os());
        platform.osVersion().ifPresent(v -> node.put("os.version", v));
        putList(node, "os.features", platform.osFeatures());
        platform.variant().ifPresent(v -> node.put("variant", v));
        return node;
    }

    /** Writes a non-empty list of strings. */
    static void putList(ObjectNode node, String field, Collection<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    /** Writes a non-empty map of strings with its keys sorted, as Go does. */
    static void putMap(ObjectNode node, String field, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode object = node.putObject(field);
            new TreeMap<>(values).forEach(object::put);
        }
    }
}

package dev.stevedore.layerstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stevedore.oci.JsonTrees;
import java.io.IOException;
import java.util.Collection;

/** The JSON of the store's own files (leases, holds) and of docker archives: trees, no binding. */
final class StoreJson {
    private StoreJson() {
    }

    /** Parses a document; {@link IOException} (a {@link JsonProcessingException}) if it is not JSON. */
    static JsonNode parse(byte[] bytes) throws IOException {
        JsonNode node = JsonTrees.read(bytes, JsonTrees.Reading.NO_DUPLICATES);
        if (node == null || node.isMissingNode()) {
            throw new IOException("empty JSON document");
        }
        return node;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode strings(Collection<?> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.stream().map(Object::toString).sorted().forEach(array::add);
        return array;
    }

    static byte[] bytes(JsonNode node) {
        return JsonTrees.write(node);
    }
}

package dev.stevedore.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for this module's documents ({@link JsonTrees}, no mapper): strict on input (no duplicate
 * keys, nothing after the document), compact on output.
 */
final class Json {
    private Json() {
    }

    /** Parses a whole document, reporting bad JSON as a malformed {@code kind}. */
    static JsonNode parse(String kind, byte[] bytes) {
        try {
            JsonNode node = JsonTrees.read(bytes, JsonTrees.Reading.STRICT);
            if (node == null || node.isMissingNode()) {
                throw new MalformedDocumentException(kind, "", null, "document is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MalformedDocumentException(kind, "", null, "not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static byte[] bytes(JsonNode node) {
        return JsonTrees.write(node);
    }

    /** Renders a value for an error message, shortened if long. */
    static String render(JsonNode node) {
        String text = new String(JsonTrees.write(node), java.nio.charset.StandardCharsets.UTF_8);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}

package dev.stevedore.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object, knowing its path in the document so that every error
 * names the document kind, the field path (such as {@code layers[1].size}) and the value.
 * A field set to {@code null} counts as absent.
 */
final class JsonFields {
    private final String kind;
    private final String path;
    private final JsonNode node;

    private JsonFields(String kind, String path, JsonNode node) {
        this.kind = kind;
        this.path = path;
        this.node = node;
    }

    static JsonFields root(String kind, JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedDocumentException(kind, "", Json.render(node), "must be a JSON object");
        }
        return new JsonFields(kind, "", node);
    }

    String kind() {
        return kind;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        return get(field) != null;
    }

    MalformedDocumentException error(String field, String problem) {
        JsonNode value = get(field);
        return new MalformedDocumentException(kind, path(field), value == null ? null : Json.render(value), problem);
    }

    private JsonNode get(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private JsonNode require(String field) {
        JsonNode value = get(field);
        if (value == null) {
            throw new MalformedDocumentException(kind, path(field), null, "required field is missing");
        }
        return value;
    }

    String requiredString(String field) {
        JsonNode value = require(field);
        if (!value.isTextual()) {
            throw error(field, "must be a string");
        }
        return value.textValue();
    }

    Optional<String> optionalString(String field) {
        return has(field) ? Optional.of(requiredString(field)) : Optional.empty();
    }

    /** A string field where the empty string, as Docker writes it, means absent. */
    Optional<String> optionalNonEmptyString(String field) {
        return optionalString(field).filter(s -> !s.isEmpty());
    }

    long requiredNonNegativeLong(String field) {
        JsonNode value = require(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(field, "must be an integer");
        }
        if (value.longValue() < 0) {
            throw error(field, "must not be negative");
        }
        return value.longValue();
    }

    long optionalNonNegativeLong(String field) {
        return has(field) ? requiredNonNegativeLong(field) : 0;
    }

    int requiredInt(String field) {
        JsonNode value = require(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(field, "must be an integer");
        }
        return value.intValue();
    }

    boolean optionalBoolean(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw error(field, "must be true or false");
        }
        return value.booleanValue();
    }

    <T> T convert(String field, Function<String, T> parser) {
        String text = requiredString(field);
        try {
            return parser.apply(text);
        } catch (OciException | IllegalArgumentException e) {
            throw error(field, problem(e));
        }
    }

    private static String problem(RuntimeException e) {
        return e instanceof InvalidDigestException digest ? "not a valid digest: " + digest.reason() : e.getMessage();
    }

    <T> Optional<T> optionalConvert(String field, Function<String, T> parser) {
        return has(field) ? Optional.of(convert(field, parser)) : Optional.empty();
    }

    List<String> stringList(String field) {
        return elements(field, (element, elementPath) -> {
            if (!element.isTextual()) {
                throw new MalformedDocumentException(kind, elementPath, Json.render(element), "must be a string");
            }
            return element.textValue();
        });
    }

    <T> List<T> convertList(String field, Function<String, T> parser) {
        return elements(field, (element, elementPath) -> {
            if (!element.isTextual()) {
                throw new MalformedDocumentException(kind, elementPath, Json.render(element), "must be a string");
            }
            try {
                return parser.apply(element.textValue());
            } catch (OciException | IllegalArgumentException e) {
                throw new MalformedDocumentException(kind, elementPath, Json.render(element), problem(e));
            }
        });
    }

    List<JsonFields> objectList(String field, boolean required) {
        if (required) {
            require(field);
        }
        return elements(field, (element, elementPath) -> {
            if (!element.isObject()) {
                throw new MalformedDocumentException(kind, elementPath, Json.render(element), "must be a JSON object");
            }
            return new JsonFields(kind, elementPath, element);
        });
    }

    private interface ElementReader<T> {
        T read(JsonNode element, String elementPath);
    }

    private <T> List<T> elements(String field, ElementReader<T> reader) {
        JsonNode value = get(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(field, "must be a JSON array");
        }
        List<T> result = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            result.add(reader.read(value.get(i), path(field) + "[" + i + "]"));
        }
        return result;
    }

    Map<String, String> stringMap(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw error(field, "must be a JSON object of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new MalformedDocumentException(kind, path(field) + "." + entry.getKey(),
                        Json.render(entry.getValue()), "must be a string");
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return result;
    }

    /** The keys of an object used as a set, like {@code "ExposedPorts": {"80/tcp": {}}}. */
    Set<String> keySet(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return Set.of();
        }
        if (!value.isObject()) {
            throw error(field, "must be a JSON object");
        }
        Set<String> result = new TreeSet<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isObject() && !entry.getValue().isNull()) {
                throw new MalformedDocumentException(kind, path(field) + "." + entry.getKey(),
                        Json.render(entry.getValue()), "must be an empty JSON object");
            }
            result.add(entry.getKey());
        }
        return result;
    }

    JsonFields requiredObject(String field) {
        JsonNode value = require(field);
        if (!value.isObject()) {
            throw error(field, "must be a JSON object");
        }
        return new JsonFields(kind, path(field), value);
    }

    Optional<JsonFields> optionalObject(String field) {
        return has(field) ? Optional.of(requiredObject(field)) : Optional.empty();
    }

    /** Every field not in {@code known}, with its value, in document order. */
    UnknownFields unknown(Set<String> known) {
        Map<String, JsonNode> unknown = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!known.contains(entry.getKey())) {
                unknown.put(entry.getKey(), entry.getValue());
            }
        }
        return UnknownFields.of(unknown);
    }
}

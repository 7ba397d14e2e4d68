package dev.stevedore.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of a JSON object that this module does not model, kept so that a document read,
 * changed and written again loses nothing (Docker's {@code container_config}, a tool's own
 * extensions, fields of a newer specification). Immutable: values are copied in and out.
 *
 * <pre>{@code
 * ImageConfig config = ImageConfig.parse(bytes);
 * config.unknownFields().get("docker_version") // Optional["24.0.7"] as a JSON node
 * }</pre>
 */
public final class UnknownFields {
    private static final UnknownFields NONE = new UnknownFields(Map.of());

    private final Map<String, JsonNode> fields;

    private UnknownFields(Map<String, JsonNode> fields) {
        this.fields = fields;
    }

    /**
     * Returns the empty set of unknown fields, for values built in code.
     *
     * @return no unknown fields
     */
    public static UnknownFields none() {
        return NONE;
    }

    /**
     * Returns unknown fields holding copies of the given values, in the given order.
     *
     * @param fields field names and their JSON values
     * @return the unknown fields
     */
    public static UnknownFields of(Map<String, ? extends JsonNode> fields) {
        if (fields.isEmpty()) {
            return NONE;
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(value, "value").deepCopy()));
        return new UnknownFields(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns the names of the unknown fields, in document order.
     *
     * @return the field names
     */
    public Set<String> names() {
        return fields.keySet();
    }

    /**
     * Returns a copy of one unknown field's value.
     *
     * @param name the field name
     * @return the value, or empty if there is no such unknown field
     */
    public Optional<JsonNode> get(String name) {
        return Optional.ofNullable(fields.get(name)).map(JsonNode::deepCopy);
    }

    /**
     * Whether there are no unknown fields.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Adds the fields to {@code target}, skipping names that it, as written, must own. */
    void writeTo(ObjectNode target, Set<String> knownNames) {
        fields.forEach((name, value) -> {
            if (!knownNames.contains(name)) {
                target.set(name, value.deepCopy());
            }
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnknownFields that && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}

package dev.stevedore.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Jackson trees read and written with jackson-core's streaming API alone: the same nodes
 * {@code ObjectMapper.readTree} builds (ints as {@code IntNode}, {@code LongNode} or
 * {@code BigIntegerNode} by size, other numbers as {@code DoubleNode}, the last of duplicate
 * names unless refused) and the same bytes {@code ObjectMapper.writeValueAsBytes} writes, without
 * creating an {@code ObjectMapper}, whose start (some 400 classes, and the locale data of its
 * date format) is most of what a short-lived command spends on JSON. For the engine's own
 * documents: configs, manifests, indexes, records.
 *
 * <pre>{@code
 * JsonNode index = JsonTrees.read(bytes, JsonTrees.Reading.STRICT);
 * byte[] same = JsonTrees.write(index);
 * }</pre>
 */
public final class JsonTrees {
    /** How strict reading is. */
    public enum Reading {
        /** As a default {@code ObjectMapper}: the last of duplicate names wins, anything after the value is ignored. */
        LENIENT,
        /** Duplicate names are an error; anything after the value is ignored. */
        NO_DUPLICATES,
        /** Duplicate names and anything after the value are errors. */
        STRICT
    }

    private static final JsonFactory PLAIN = JsonFactory.builder().build();
    private static final JsonFactory NO_DUPLICATE_NAMES = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /**
     * Reads one JSON document.
     *
     * @param bytes the document, UTF-8
     * @param reading how strict to be
     * @return its tree; a {@code MissingNode} when there is nothing but white space
     * @throws JsonParseException if it is not JSON (with the location), or breaks {@code reading}
     * @throws IOException never for bytes in memory, but declared by the parser
     */
    public static JsonNode read(byte[] bytes, Reading reading) throws IOException {
        try (JsonParser p = factory(reading).createParser(bytes)) {
            return document(p, reading);
        }
    }

    /**
     * Reads one JSON document from text.
     *
     * @param text the document
     * @param reading how strict to be
     * @return its tree; a {@code MissingNode} when there is nothing but white space
     * @throws IOException if it is not JSON, or breaks {@code reading}
     */
    public static JsonNode read(String text, Reading reading) throws IOException {
        try (JsonParser p = factory(reading).createParser(text)) {
            return document(p, reading);
        }
    }

    /**
     * Writes a tree compactly, byte for byte as {@code new ObjectMapper().writeValueAsBytes(node)}.
     *
     * @param node the tree
     * @return its JSON, UTF-8
     */
    public static byte[] write(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = PLAIN.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static JsonFactory factory(Reading reading) {
        return reading == Reading.LENIENT ? PLAIN : NO_DUPLICATE_NAMES;
    }

    private static JsonNode document(JsonParser p, Reading reading) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return MissingNode.getInstance();
        }
        JsonNode node = value(p, first);
        if (reading == Reading.STRICT) {
            JsonToken next = p.nextToken();
            if (next != null) {
                throw new JsonParseException(p, "Trailing token (of type " + next + ") found after value");
            }
        }
        return node;
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.replace(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(p, "Unexpected token " + t);
        }
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT: {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
                break;
            }
            case ARRAY: {
                g.writeStartArray();
                for (JsonNode e : node) {
                    write(g, e);
                }
                g.writeEndArray();
                break;
            }
            case STRING:
                g.writeString(node.textValue());
                break;
            case NUMBER:
                writeNumber(g, node);
                break;
            case BOOLEAN:
                g.writeBoolean(node.booleanValue());
                break;
            case NULL:
                g.writeNull();
                break;
            default:
                throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void writeNumber(JsonGenerator g, JsonNode n) throws IOException {
        if (n.isInt() || n.isShort()) {
            g.writeNumber(n.intValue());
        } else if (n.isLong()) {
            g.writeNumber(n.longValue());
        } else if (n.isBigInteger()) {
            g.writeNumber(n.bigIntegerValue());
        } else if (n.isFloat()) {
            g.writeNumber(n.floatValue());
        } else if (n.isBigDecimal()) {
            g.writeNumber(n.decimalValue());
        } else {
            g.writeNumber(n.doubleValue());
        }
    }
}

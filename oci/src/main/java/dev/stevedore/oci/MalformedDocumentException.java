package dev.stevedore.oci;

import java.util.Optional;

/**
 * A JSON document (manifest, index or image configuration) that is not valid JSON or does
 * not have the required shape. The message names the document kind, the path of the bad
 * field (such as {@code layers[1].size}) and the offending value.
 */
public final class MalformedDocumentException extends OciException {
    private static final long serialVersionUID = 1L;

    /** The kind of document, such as "image manifest". */
    private final String documentKind;
    /** The path of the offending field; empty for the whole document. */
    private final String fieldPath;
    /** The offending value as JSON, or null when the field was missing. */
    private final String value;

    MalformedDocumentException(String documentKind, String fieldPath, String value, String problem) {
        super(message(documentKind, fieldPath, value, problem));
        this.documentKind = documentKind;
        this.fieldPath = fieldPath;
        this.value = value;
    }

    private static String message(String kind, String path, String value, String problem) {
        StringBuilder text = new StringBuilder("invalid ").append(kind).append(": ");
        text.append(path.isEmpty() ? "document" : path).append(": ").append(problem);
        if (value != null) {
            text.append(", got ").append(value);
        }
        return text.toString();
    }

    /**
     * Returns the kind of document, such as {@code "image manifest"} or {@code "image config"}.
     *
     * @return the document kind named in the message
     */
    public String documentKind() {
        return documentKind;
    }

    /**
     * Returns the path of the offending field, such as {@code layers[1].size}; empty for the
     * document as a whole.
     *
     * @return the field path
     */
    public String fieldPath() {
        return fieldPath;
    }

    /**
     * Returns the offending value rendered as JSON, or empty when the field was missing.
     *
     * @return the rejected value
     */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }
}

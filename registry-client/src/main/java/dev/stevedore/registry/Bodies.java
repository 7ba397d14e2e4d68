package dev.stevedore.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading small bodies with a size cap, and the distribution error format. */
final class Bodies {
    /** The largest error or token body read, 64 KiB. */
    static final int SMALL_LIMIT = 64 * 1024;
    static final ObjectMapper JSON = new ObjectMapper();

    private Bodies() {
    }

    /** Reads the whole body if it is at most {@code limit} bytes; empty if it is longer. */
    static Optional<byte[]> readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
    }

    /** The errors of a distribution error body; empty for anything else. */
    static List<RegistryError> errors(byte[] body) {
        List<RegistryError> errors = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null) {
                for (JsonNode error : root.path("errors")) {
                    JsonNode detail = error.path("detail");
                    errors.add(new RegistryError(error.path("code").asText("UNKNOWN"), error.path("message").asText(""),
                            detail.isMissingNode() || detail.isNull() ? "" : detail.toString()));
                }
            }
        } catch (IOException e) {
            // not JSON: no typed errors
        }
        return errors;
    }

    /** Parses a small JSON body. */
    static JsonNode json(byte[] body) throws IOException {
        JsonNode node = JSON.readTree(body);
        if (node == null) {
            throw new IOException("empty JSON body");
        }
        return node;
    }
}

package dev.stevedore.layerstore;

import java.nio.file.Path;

/**
 * A layer's bytes are not a well-formed (compressed) tar archive: a header with a bad checksum
 * or field, a stream that ends early, corrupt compressed data, an entry type or compression
 * this store does not handle.
 */
public final class ApplyFormatException extends ApplyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param target the directory the layer was applied to
     * @param entry the entry being read, or {@code ""}
     * @param problem what is wrong with the bytes
     */
    public ApplyFormatException(Path target, String entry, String problem) {
        super(target, entry, problem);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param target the directory the layer was applied to
     * @param entry the entry being read, or {@code ""}
     * @param problem what is wrong with the bytes
     * @param cause the error reading them
     */
    public ApplyFormatException(Path target, String entry, String problem, Throwable cause) {
        super(target, entry, problem, cause);
    }
}

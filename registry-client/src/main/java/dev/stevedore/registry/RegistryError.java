package dev.stevedore.registry;

import java.util.Objects;

/**
 * One entry of a distribution error body, {@code {"errors":[{"code","message","detail"}]}}.
 *
 * <pre>{@code
 * e.errors().get(0).code() // "MANIFEST_UNKNOWN"
 * }</pre>
 *
 * @param code the error code, such as {@code MANIFEST_UNKNOWN}, {@code DENIED}, {@code UNAUTHORIZED}
 * @param message the registry's message, possibly empty
 * @param detail the {@code detail} member as compact JSON text, possibly empty
 */
public record RegistryError(String code, String message, String detail) {
    /**
     * Checks for nulls.
     *
     * @param code the code
     * @param message the message
     * @param detail the detail
     */
    public RegistryError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return code + (message.isEmpty() ? "" : ": " + message);
    }
}

package dev.stevedore.dockerfile;

import java.util.Objects;

/**
 * One {@code key=value} of {@code ENV} or {@code LABEL}, both parts as written: quotes,
 * escapes and variables are kept for the builder's shell-word expansion.
 *
 * <pre>{@code
 * // ENV PATH="/opt/bin:$PATH"
 * new KeyValue("PATH", "\"/opt/bin:$PATH\"");
 * }</pre>
 *
 * @param key the name as written
 * @param value the value as written
 */
public record KeyValue(String key, String value) {
    /**
     * Checks for nulls.
     *
     * @param key the name as written
     * @param value the value as written
     */
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}

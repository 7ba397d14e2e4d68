package dev.stevedore.layerstore;

import java.nio.file.Path;

/**
 * A layer went past one of the {@link ApplyLimits}: too many entries, an entry or a header too
 * large, a path too long, or too many bytes in all. The message names the limit, its value and
 * the entry that crossed it.
 */
public final class ApplyLimitException extends ApplyException {
    private static final long serialVersionUID = 1L;

    /** The limit's name, as in {@link ApplyLimits}. */
    private final String limit;
    /** The limit's value. */
    private final long value;

    /**
     * Creates the exception.
     *
     * @param target the directory the layer was applied to
     * @param entry the entry that crossed the limit, or {@code ""}
     * @param limit the limit's name, such as {@code "maxEntrySize"}
     * @param value the limit's value
     * @param found what the layer had
     */
    public ApplyLimitException(Path target, String entry, String limit, long value, String found) {
        super(target, entry, found + " exceeds the limit " + limit + " = " + value);
        this.limit = limit;
        this.value = value;
    }

    /** @return the limit's name, such as {@code "maxEntries"} */
    public String limit() {
        return limit;
    }

    /** @return the limit's value */
    public long value() {
        return value;
    }
}

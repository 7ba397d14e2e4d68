package dev.stevedore.layerstore;

/**
 * Caps that keep a hostile or broken layer from exhausting memory or disk. Crossing one fails
 * the layer with an {@link ApplyLimitException} naming the entry.
 *
 * <pre>{@code
 * ApplyLimits small = ApplyLimits.defaults().withMaxEntries(10_000).withMaxEntrySize(64L << 20);
 * }</pre>
 *
 * @param maxEntries the most entries (files, directories, links, whiteouts...) in one layer; default 1,000,000
 * @param maxEntrySize the largest regular file, in bytes; default 64 GiB
 * @param maxTotalSize the largest uncompressed tar, in bytes; default 256 GiB
 * @param maxHeaderSize the largest PAX extended header or GNU long name or link, in bytes; default 1 MiB
 * @param maxPathLength the longest entry name or link target, in bytes of UTF-8; default 4096 ({@code PATH_MAX})
 */
public record ApplyLimits(long maxEntries, long maxEntrySize, long maxTotalSize, int maxHeaderSize, int maxPathLength) {
    /**
     * Checks the values.
     *
     * @param maxEntries the most entries
     * @param maxEntrySize the largest regular file
     * @param maxTotalSize the largest uncompressed tar
     * @param maxHeaderSize the largest extended header
     * @param maxPathLength the longest name
     * @throws IllegalArgumentException if a value is not positive
     */
    public ApplyLimits {
        if (maxEntries <= 0 || maxEntrySize <= 0 || maxTotalSize <= 0 || maxHeaderSize <= 0 || maxPathLength <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxEntries + ", " + maxEntrySize + ", "
                    + maxTotalSize + ", " + maxHeaderSize + ", " + maxPathLength);
        }
    }

    /** @return the default limits, generous for real images */
    public static ApplyLimits defaults() {
        return new ApplyLimits(1_000_000, 64L << 30, 256L << 30, 1 << 20, 4096);
    }

    /** @param value the most entries @return these limits with that one changed */
    public ApplyLimits withMaxEntries(long value) {
        return new ApplyLimits(value, maxEntrySize, maxTotalSize, maxHeaderSize, maxPathLength);
    }

    /** @param value the largest regular file in bytes @return these limits with that one changed */
    public ApplyLimits withMaxEntrySize(long value) {
        return new ApplyLimits(maxEntries, value, maxTotalSize, maxHeaderSize, maxPathLength);
    }

    /** @param value the largest uncompressed tar in bytes @return these limits with that one changed */
    public ApplyLimits withMaxTotalSize(long value) {
        return new ApplyLimits(maxEntries, maxEntrySize, value, maxHeaderSize, maxPathLength);
    }

    /** @param value the largest extended header in bytes @return these limits with that one changed */
    public ApplyLimits withMaxHeaderSize(int value) {
        return new ApplyLimits(maxEntries, maxEntrySize, maxTotalSize, value, maxPathLength);
    }

    /** @param value the longest name in bytes @return these limits with that one changed */
    public ApplyLimits withMaxPathLength(int value) {
        return new ApplyLimits(maxEntries, maxEntrySize, maxTotalSize, maxHeaderSize, value);
    }
}

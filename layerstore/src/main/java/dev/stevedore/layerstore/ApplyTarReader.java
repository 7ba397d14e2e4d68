package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a layer's tar entries from an {@link ApplyDecoder}: ustar, GNU and PAX headers, with GNU
 * long names and links, PAX records (path, linkpath, size, uid, gid, mtime, atime, xattrs in the
 * {@code SCHILY.xattr.} and {@code LIBARCHIVE.xattr.} forms) and global headers (skipped).
 * Headers are checked (checksum, every numeric field) and capped ({@link ApplyLimits}); sparse
 * files and multi-volume archives are refused. Entry data is handed out in place, never copied
 * into a buffer of its own size.
 */
final class ApplyTarReader {
    private static final int BLOCK = 512;

    /** Receives an entry's data, piece by piece. */
    interface DataSink {
        /** @param buffer holds the piece @param offset where it starts @param length its size */
        void write(byte[] buffer, int offset, int length);
    }

    private final ApplyDecoder in;
    private final Path target;
    private final ApplyLimits limits;
    private final byte[] block = new byte[BLOCK];
    private long dataLeft;
    private long padLeft;
    private String current = "";

    ApplyTarReader(ApplyDecoder in, Path target, ApplyLimits limits) {
        this.in = in;
        this.target = target;
        this.limits = limits;
    }

    /**
     * Reads the next entry's header, skipping what is left of the previous entry.
     *
     * @return the entry, or {@code null} after the end-of-archive marker (or at a clean end of stream)
     * @throws ApplyFormatException if the archive is malformed or truncated
     * @throws ApplyLimitException if a header is too large
     */
    ApplyEntry next() {
        skip(dataLeft + padLeft);
        dataLeft = 0;
        padLeft = 0;
        ApplyTarPax pax = new ApplyTarPax(target);
        String longName = null;
        String longLink = null;
        long metaBytes = 0;
        boolean extended = false;
        while (true) {
            if (!readBlock()) {
                if (extended) {
                    throw format("the stream ends after an extended header, without its entry");
                }
                return null; // a clean end without the end-of-archive marker, as Go's archive/tar allows
            }
            if (isZero(block)) {
                if (extended) {
                    throw format("an extended header is followed by the end of the archive, not by its entry");
                }
                if (readBlock() && !isZero(block)) {
                    throw format("a zero block (end of archive) is followed by a header");
                }
                return null;
            }
            ApplyTarHeader header = ApplyTarHeader.parse(block, target, current);
            current = header.name();
            char type = header.type();
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                metaBytes += header.size();
                if (metaBytes > limits.maxHeaderSize()) {
                    throw new ApplyLimitException(target, current, "maxHeaderSize", limits.maxHeaderSize(),
                            "extended headers of " + metaBytes + " bytes");
                }
                byte[] content = readMeta((int) header.size());
                extended = true;
                switch (type) {
                    case 'x' -> pax.add(content);
                    case 'L' -> longName = ApplyTarHeader.cString(content, 0, content.length, target, current);
                    case 'K' -> longLink = ApplyTarHeader.cString(content, 0, content.length, target, current);
                    default -> { } // a global header: nothing in it matters to a layer
                }
                continue;
            }
            String name = pax.path().orElse(longName != null ? longName : header.name());
            current = name;
            pax.entry(name);
            String link = pax.linkPath().orElse(longLink != null ? longLink : header.linkName());
            checkLength(name);
            checkLength(link);
            long dataSize = pax.size().orElse(header.size());
            if (dataSize > limits.maxEntrySize()) {
                throw new ApplyLimitException(target, current, "maxEntrySize", limits.maxEntrySize(),
                        "an entry of " + dataSize + " bytes");
            }
            ApplyEntry entry = header.entry(name, link, dataSize, pax, target);
            dataLeft = dataSize;
            padLeft = (BLOCK - dataSize % BLOCK) % BLOCK;
            return entry;
        }
    }

    /**
     * Hands the current entry's remaining data to {@code sink}, in place.
     *
     * @throws ApplyFormatException if the stream ends before the data does
     */
    void copyData(DataSink sink) {
        try {
            while (dataLeft > 0) {
                if (!in.fill()) {
                    throw format("the stream ends inside the entry's data, " + dataLeft + " bytes short");
                }
                int n = (int) Math.min(dataLeft, in.limit() - in.position());
                sink.write(in.buffer(), in.position(), n);
                in.advance(n);
                dataLeft -= n;
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void checkLength(String text) {
        // UTF-8 is at most 3 bytes per char here (surrogate pairs count 2 chars for 4 bytes)
        if (text.length() > limits.maxPathLength() / 3) {
            int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > limits.maxPathLength()) {
                throw new ApplyLimitException(target, current, "maxPathLength", limits.maxPathLength(),
                        "a name or link target of " + bytes + " bytes");
            }
        }
    }

    /** @return false at a clean end of the stream (no byte of a next block) */
    private boolean readBlock() {
        try {
            int n = in.read(block, 0, BLOCK);
            if (n == 0) {
                return false;
            }
            if (n < BLOCK) {
                throw format("the stream ends inside a header (" + n + " of 512 bytes)");
            }
            return true;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private byte[] readMeta(int size) {
        byte[] content = new byte[size];
        try {
            if (in.read(content, 0, size) != size) {
                throw format("the stream ends inside an extended header");
            }
            long pad = (BLOCK - size % BLOCK) % BLOCK;
            if (in.skip(pad) != pad) {
                throw format("the stream ends inside an extended header's padding");
            }
        } catch (IOException e) {
            throw failed(e);
        }
        return content;
    }

    private void skip(long count) {
        if (count == 0) {
            return;
        }
        try {
            if (in.skip(count) != count) {
                throw format("the stream ends inside the entry's data");
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private ApplyFormatException format(String problem) {
        return new ApplyFormatException(target, current, problem);
    }

    private ApplyException failed(IOException e) {
        if (e instanceof ApplyDecoder.TooLargeException) {
            return new ApplyLimitException(target, current, "maxTotalSize", limits.maxTotalSize(),
                    "the uncompressed layer (more than " + in.consumed() + " bytes)");
        }
        return new ApplyFormatException(target, current, "the layer stream cannot be read: " + e.getMessage(), e);
    }
}

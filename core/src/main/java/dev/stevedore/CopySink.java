package dev.stevedore;

import java.io.InputStream;

/**
 * Where a copy's entries go (a container's root, a host directory, a tar stream). Paths are
 * relative to the copy's destination, {@code /}-separated, parents before children.
 */
interface CopySink {
    void directory(String path, CopyMeta meta);

    void file(String path, CopyMeta meta, long size, InputStream content);

    void symlink(String path, CopyMeta meta, String target);

    /** A hard link to an entry copied before, {@code target} relative to the destination too. */
    void hardlink(String path, String target);

    /** A device, FIFO or socket: {@code type} is its {@code S_IF*} bits. */
    void special(String path, CopyMeta meta, int type, long device);

    /** Called once after the last entry (directory times are set last). */
    void finish();
}

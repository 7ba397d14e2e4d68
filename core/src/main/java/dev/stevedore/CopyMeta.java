package dev.stevedore;

import java.time.Instant;

/**
 * The metadata copied with an entry: permission bits (with set-id and sticky bits), owner and
 * modification time.
 */
record CopyMeta(int mode, int uid, int gid, Instant mtime) {
    CopyMeta {
        mode &= 07777;
    }
}

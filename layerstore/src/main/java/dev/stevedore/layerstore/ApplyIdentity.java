package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who this process writes files as, read from {@code /proc/self/status}: the file system user
 * and group new files get, and the umask {@code mkdir} and {@code open} apply. Lets the applier
 * skip {@code chown} and {@code chmod} calls that would change nothing.
 *
 * @param uid the file system user ID
 * @param gid the file system group ID
 * @param umask the umask, or 0777 if unknown (then every mode is set explicitly)
 */
record ApplyIdentity(int uid, int gid, int umask) {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** @return whether this process is root, and so applies owners and may create devices */
    boolean root() {
        return uid == 0;
    }

    /** @return the identity of this process now (the umask can change, so it is read each time) */
    static ApplyIdentity current() {
        int uid = -1;
        int gid = -1;
        int umask = 0777;
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("Umask:")) {
                    umask = Integer.parseInt(line.substring(6).trim(), 8);
                } else if (line.startsWith("Uid:")) {
                    uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[3]);
                } else if (line.startsWith("Gid:")) {
                    gid = Integer.parseInt(line.substring(4).trim().split("\\s+")[3]);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StoreException("Tried to read " + STATUS + " but failed because: " + e, e);
        }
        if (uid < 0 || gid < 0) {
            throw new StoreException("Tried to read the file system user and group from " + STATUS
                    + " but failed because the Uid: or Gid: line is missing");
        }
        return new ApplyIdentity(uid, gid, umask);
    }
}

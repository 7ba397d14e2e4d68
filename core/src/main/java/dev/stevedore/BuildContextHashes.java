package dev.stevedore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The content digests of a build context's files, remembered by their status (size, mtime, ctime,
 * inode) so that a rebuild reads only the files that changed: what makes a cached COPY cost a
 * walk of the context instead of a copy. One file per context directory under
 * {@code <home>/build-context-hashes/}, shared by builds and JVMs (the last writer wins; a lost
 * entry is only read again).
 *
 * <p>A file whose mtime or ctime is within {@link #RACY_NANOS} of the moment it was read may
 * still change within the same clock tick without any visible status change (git's "racily
 * clean" problem): such entries are never trusted and the file is read again next time.
 */
final class BuildContextHashes {
    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAGIC = 0x53484331; // "SHC1"
    private static final int MAX_ENTRIES = 200_000;

    /** The attributes {@link #digest(Path, Map)} needs, for one {@code Files.readAttributes} call. */
    static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,ctime,ino";

    private record Status(long size, long mtime, long ctime, long inode) {
        static Status of(Path p) throws IOException {
            return of(Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
        }

        static Status of(Map<String, Object> a) {
            return new Status((Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")),
                    nanos((FileTime) a.get("ctime")), (Long) a.get("ino"));
        }
    }

    private record Known(Status status, long readAt, String digest) {
        boolean trusted(Status now, long racyNanos) {
            return status.equals(now) && status.mtime < readAt - racyNanos && status.ctime < readAt - racyNanos;
        }
    }

    private final Path file;
    private final long racyNanos;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private volatile boolean changed;

    private BuildContextHashes(Path file, long racyNanos) {
        this.file = file;
        this.racyNanos = racyNanos;
    }

    /** The remembered digests of {@code contextDir}'s files, or none when there is no record. */
    static BuildContextHashes open(Path home, Path contextDir) {
        return open(home, contextDir, RACY_NANOS);
    }

    static BuildContextHashes open(Path home, Path contextDir, long racyNanos) {
        return open(home, BuildCache.key(contextDir.toAbsolutePath().normalize().toString()), racyNanos);
    }

    /**
     * The remembered digests of files in committed snapshots: those never change after their
     * commit, so no entry is racy.
     */
    static BuildContextHashes openSnapshots(Path home) {
        return open(home, "snapshots", 0);
    }

    private static BuildContextHashes open(Path home, String id, long racyNanos) {
        BuildContextHashes h = new BuildContextHashes(home.resolve("build-context-hashes").resolve(id), racyNanos);
        h.load();
        return h;
    }

    /** Whether {@link #digest} would answer for this file without reading it. */
    boolean remembers(Path host) throws IOException {
        Known k = known.get(host.toString());
        return k != null && k.trusted(Status.of(host), racyNanos);
    }

    /** The SHA-256 (hex) of a regular file's content, read only when its status changed. */
    String digest(Path host) throws IOException {
        return digest(host, Files.readAttributes(host, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
    }

    /** As {@link #digest(Path)}, with the file's {@link #ATTRIBUTES} already read. */
    String digest(Path host, Map<String, Object> attributes) throws IOException {
        String name = host.toString();
        used.add(name);
        Status before = Status.of(attributes);
        Known k = known.get(name);
        if (k != null && k.trusted(before, racyNanos)) {
            return k.digest;
        }
        long readAt = System.currentTimeMillis() * 1_000_000L;
        MessageDigest md = BuildFiles.sha256();
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(host, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        String digest = HexFormat.of().formatHex(md.digest());
        if (before.equals(Status.of(host))) {
            known.put(name, new Known(before, readAt, digest));
            changed = true;
        }
        return digest;
    }

    /** Writes the record if anything was read; a failure only costs the next build some reading. */
    void save() {
        if (!changed) {
            return;
        }
        if (known.size() > MAX_ENTRIES) {
            known.keySet().retainAll(used); // what this build read stays; the rest is read again if needed
        }
        Path tmp = file.resolveSibling(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream o = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(o, 65536))) {
                out.writeInt(MAGIC);
                out.writeInt(known.size());
                for (Map.Entry<String, Known> e : known.entrySet()) {
                    byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(name.length);
                    out.write(name);
                    Known k = e.getValue();
                    out.writeLong(k.status.size);
                    out.writeLong(k.status.mtime);
                    out.writeLong(k.status.ctime);
                    out.writeLong(k.status.inode);
                    out.writeLong(k.readAt);
                    out.write(HexFormat.of().parseHex(k.digest));
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            changed = false;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temp file under the engine home; harmless
            }
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (InputStream i = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(i, 65536))) {
            if (in.readInt() != MAGIC) {
                return;
            }
            int count = in.readInt();
            byte[] digest = new byte[32];
            for (int n = 0; n < count; n++) {
                int length = in.readInt();
                if (length < 0 || length > 65536) {
                    known.clear();
                    return;
                }
                String name = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                Status s = new Status(in.readLong(), in.readLong(), in.readLong(), in.readLong());
                long readAt = in.readLong();
                in.readFully(digest);
                known.put(name, new Known(s, readAt, HexFormat.of().formatHex(digest)));
            }
        } catch (EOFException e) {
            known.clear(); // truncated: start over
        } catch (IOException | RuntimeException e) {
            known.clear();
        }
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }
}

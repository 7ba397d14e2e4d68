package dev.stevedore;

import dev.stevedore.posix.Fd;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes copied entries into a host directory. As {@code docker cp} does for a host destination,
 * files belong to the user running the JVM; modes and times are kept. Existing symbolic links in
 * the way are replaced, never followed.
 */
final class CopyHostSink implements CopySink {
    private static final Syscalls SYS = Syscalls.linux();

    private final Path dest;
    private final Map<Path, Instant> dirTimes = new LinkedHashMap<>();

    CopyHostSink(Path dest) {
        this.dest = dest;
    }

    @Override
    public void directory(String path, CopyMeta meta) {
        Path p = resolve(path);
        try {
            if (Files.isSymbolicLink(p) || (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p,
                    LinkOption.NOFOLLOW_LINKS))) {
                Files.delete(p);
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
            }
            SYS.fchmodat(Fd.cwd(), p, meta.mode(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dirTimes.put(p, meta.mtime());
    }

    @Override
    public void file(String path, CopyMeta meta, long size, InputStream content) {
        Path p = resolve(path);
        try {
            if (Files.isSymbolicLink(p)) {
                Files.delete(p);
            }
            try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                CopyFdStreams.copyAtMost(content, out, size);
            }
            SYS.fchmodat(Fd.cwd(), p, meta.mode(), 0);
            SYS.utimensat(Fd.cwd(), p, meta.mtime(), meta.mtime(), dev.stevedore.posix.AtFlags.AT_SYMLINK_NOFOLLOW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void symlink(String path, CopyMeta meta, String target) {
        Path p = resolve(path);
        try {
            Files.deleteIfExists(p);
            Files.createSymbolicLink(p, Path.of(target));
            SYS.utimensat(Fd.cwd(), p, meta.mtime(), meta.mtime(), dev.stevedore.posix.AtFlags.AT_SYMLINK_NOFOLLOW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void hardlink(String path, String target) {
        Path p = resolve(path);
        try {
            Files.deleteIfExists(p);
            Files.createLink(p, resolve(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void special(String path, CopyMeta meta, int type, long device) {
        Path p = resolve(path);
        try {
            Files.deleteIfExists(p);
            SYS.mknodat(Fd.cwd(), p, type | meta.mode(), device);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PosixException e) {
            // devices need CAP_MKNOD on the host; skipped as docker cp does without it
        }
    }

    @Override
    public void finish() {
        List<Path> dirs = new ArrayList<>(dirTimes.keySet());
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Path d = dirs.get(i);
            SYS.utimensat(Fd.cwd(), d, dirTimes.get(d), dirTimes.get(d), dev.stevedore.posix.AtFlags.AT_SYMLINK_NOFOLLOW);
        }
    }

    private Path resolve(String path) {
        return dest.resolve(path);
    }
}

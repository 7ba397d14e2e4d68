package dev.stevedore.layerstore;

import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.FileStat;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything about a directory tree, as text per path, to compare before and after: type, mode,
 * owner, size, link count, times, device, link target, content hash and extended attributes.
 * Never follows a link.
 */
final class ApplyDirectoryState {
    private ApplyDirectoryState() {}

    static Map<String, String> of(Path root) {
        Syscalls sys = Syscalls.linux();
        Map<String, String> state = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    state.put(root.relativize(dir).toString(), describe(sys, dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    state.put(root.relativize(file).toString(), describe(sys, file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    static String describe(Syscalls sys, Path path) {
        FileStat st = sys.fstatat(Fd.cwd(), path, AtFlags.AT_SYMLINK_NOFOLLOW);
        StringBuilder s = new StringBuilder();
        s.append(Integer.toOctalString(st.mode())).append(' ').append(st.uid()).append(':').append(st.gid())
                .append(" size=").append(st.size()).append(" links=").append(st.nlink())
                .append(" mtime=").append(st.mtime()).append(" ctime=").append(st.ctime())
                .append(" rdev=").append(st.rdev());
        if (st.type() == ModeBits.S_IFLNK) {
            s.append(" -> ").append(sys.readlinkat(Fd.cwd(), path));
        } else if (st.type() == ModeBits.S_IFREG) {
            try {
                s.append(" sha256=").append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(path))));
            } catch (IOException | java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        for (String name : sys.llistxattr(path)) {
            s.append(' ').append(name).append('=').append(HexFormat.of().formatHex(sys.lgetxattr(path, name)
                    .orElse(new byte[0])));
        }
        return s.toString();
    }
}

package dev.stevedore;

import dev.stevedore.posix.ModeBits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/** Walks a host file or tree (never following links) into a {@link CopySink}, the top entry named {@code topName}. */
final class CopyHostWalk {
    private CopyHostWalk() {}

    /**
     * @param rootOwned whether every entry is owned by root in the copy, as {@code docker cp} into a
     *     container does; otherwise owners are kept
     */
    static void walk(Path src, String topName, CopySink sink, boolean rootOwned) {
        Map<Object, String> seen = new HashMap<>();
        try {
            Files.walkFileTree(src, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    sink.directory(name(dir), meta(dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String name = name(file);
                    Map<String, Object> unix = Files.readAttributes(file, "unix:mode,nlink,ino,dev,rdev",
                            LinkOption.NOFOLLOW_LINKS);
                    int type = ((Integer) unix.get("mode")) & ModeBits.S_IFMT;
                    if (attrs.isSymbolicLink()) {
                        sink.symlink(name, meta(file), Files.readSymbolicLink(file).toString());
                    } else if (type == ModeBits.S_IFREG) {
                        if (((Integer) unix.get("nlink")) > 1) {
                            String key = unix.get("dev") + ":" + unix.get("ino");
                            String first = seen.putIfAbsent(key, name);
                            if (first != null) {
                                sink.hardlink(name, first);
                                return FileVisitResult.CONTINUE;
                            }
                        }
                        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                            sink.file(name, meta(file), attrs.size(), in);
                        }
                    } else if (type != ModeBits.S_IFDIR) {
                        sink.special(name, meta(file), type, ((Number) unix.get("rdev")).longValue());
                    }
                    return FileVisitResult.CONTINUE;
                }

                private String name(Path p) {
                    Path rel = src.relativize(p);
                    return rel.toString().isEmpty() ? topName : topName + "/" + rel.toString().replace('\\', '/');
                }

                private CopyMeta meta(Path p) throws IOException {
                    Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,lastModifiedTime",
                            LinkOption.NOFOLLOW_LINKS);
                    return new CopyMeta((Integer) a.get("mode"), rootOwned ? 0 : (Integer) a.get("uid"),
                            rootOwned ? 0 : (Integer) a.get("gid"), ((FileTime) a.get("lastModifiedTime")).toInstant());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sink.finish();
    }
}

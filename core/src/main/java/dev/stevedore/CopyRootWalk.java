package dev.stevedore;

import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.FileStat;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a file or tree inside a container's root into a {@link CopySink}. The path is resolved
 * within the root; below it every entry is reached by name from its directory's descriptor with
 * {@code O_NOFOLLOW}, so no link is ever followed, and a FIFO is never opened.
 */
final class CopyRootWalk {
    private static final Syscalls SYS = Syscalls.linux();

    private final CopySink sink;
    private final Map<String, String> seen = new HashMap<>();

    private CopyRootWalk(CopySink sink) {
        this.sink = sink;
    }

    static void walk(ContainerRoot root, String containerPath, String topName, CopySink sink) {
        String parent = ContainerCopy.dirname(containerPath);
        Path name = Path.of(ContainerCopy.basename(containerPath));
        try (Fd dir = root.open(parent, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY)) {
            new CopyRootWalk(sink).entry(dir, name, topName);
        }
        sink.finish();
    }

    private void entry(Fd dir, Path name, String path) {
        FileStat st = SYS.fstatat(dir, name, AtFlags.AT_SYMLINK_NOFOLLOW);
        CopyMeta meta = new CopyMeta(st.mode(), st.uid(), st.gid(), st.mtime());
        int type = st.mode() & ModeBits.S_IFMT;
        switch (type) {
            case ModeBits.S_IFDIR -> {
                sink.directory(path, meta);
                try (Fd sub = SYS.openat(dir, name, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_NOFOLLOW
                        | OpenFlags.O_CLOEXEC, 0)) {
                    for (String child : list(sub)) {
                        entry(sub, Path.of(child), path + "/" + child);
                    }
                }
            }
            case ModeBits.S_IFLNK -> sink.symlink(path, meta, SYS.readlinkat(dir, name));
            case ModeBits.S_IFREG -> {
                if (st.nlink() > 1) {
                    String first = seen.putIfAbsent(st.dev() + ":" + st.ino(), path);
                    if (first != null) {
                        sink.hardlink(path, first);
                        return;
                    }
                }
                try (Fd f = SYS.openat(dir, name, OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW | OpenFlags.O_NONBLOCK
                        | OpenFlags.O_CLOEXEC, 0); InputStream in = CopyFdStreams.in(f)) {
                    sink.file(path, meta, st.size(), in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            default -> sink.special(path, meta, type, st.rdev());
        }
    }

    /** The names in a directory, sorted, read through its descriptor's magic link. */
    private static List<String> list(Fd dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.procPath())) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }
}

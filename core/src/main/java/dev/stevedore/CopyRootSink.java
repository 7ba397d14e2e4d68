package dev.stevedore;

import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes copied entries into a container's root below {@code destDir}. Each entry's parent is
 * resolved from the container's root with {@code RESOLVE_IN_ROOT}; the entry itself is created
 * by name in that directory, never through a symbolic link, and its owner, mode and times are
 * set through the descriptor of what was created (so a concurrent swap inside a running
 * container cannot redirect them to the host).
 */
final class CopyRootSink implements CopySink {
    private static final Syscalls SYS = Syscalls.linux();

    private final ContainerRoot root;
    private final String destDir;
    private final Map<String, Fd> parents = new HashMap<>();
    private final Map<String, Instant> dirTimes = new LinkedHashMap<>();

    CopyRootSink(ContainerRoot root, String destDir) {
        this.root = root;
        this.destDir = destDir.endsWith("/") ? destDir : destDir + "/";
    }

    @Override
    public void directory(String path, CopyMeta meta) {
        Fd parent = parent(path);
        Path name = name(path);
        try {
            SYS.mkdirat(parent, name, 0700);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw failure("create directory", path, e);
            }
        }
        try (Fd dir = SYS.openat(parent, name, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_NOFOLLOW
                | OpenFlags.O_CLOEXEC, 0)) {
            SYS.fchown(dir, meta.uid(), meta.gid());
            SYS.fchmod(dir, meta.mode());
        } catch (PosixException e) {
            throw failure("set up directory", path, e);
        }
        dirTimes.put(path, meta.mtime());
    }

    @Override
    public void file(String path, CopyMeta meta, long size, InputStream content) {
        Fd parent = parent(path);
        Path name = name(path);
        int flags = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC | OpenFlags.O_NOFOLLOW
                | OpenFlags.O_CLOEXEC;
        try (Fd fd = create(parent, name, flags, path)) {
            CopyFdStreams.copyAtMost(content, CopyFdStreams.out(fd), size);
            SYS.fchown(fd, meta.uid(), meta.gid());
            SYS.fchmod(fd, meta.mode());
            SYS.futimens(fd, meta.mtime(), meta.mtime());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + " into container " + root.container(), e);
        } catch (PosixException e) {
            throw failure("write file", path, e);
        }
    }

    private Fd create(Fd parent, Path name, int flags, String path) {
        try {
            return SYS.openat(parent, name, flags, 0600);
        } catch (PosixException e) {
            if (e.errno() != Errno.ELOOP) {
                throw failure("create file", path, e);
            }
        }
        try {
            SYS.unlinkat(parent, name, 0); // a symbolic link is replaced, never followed
            return SYS.openat(parent, name, flags | OpenFlags.O_EXCL, 0600);
        } catch (PosixException e) {
            throw failure("create file", path, e);
        }
    }

    @Override
    public void symlink(String path, CopyMeta meta, String target) {
        Fd parent = parent(path);
        Path name = name(path);
        removeNonDirectory(parent, name);
        try {
            SYS.symlinkat(target, parent, name);
            SYS.fchownat(parent, name, meta.uid(), meta.gid(), AtFlags.AT_SYMLINK_NOFOLLOW);
            SYS.utimensat(parent, name, meta.mtime(), meta.mtime(), AtFlags.AT_SYMLINK_NOFOLLOW);
        } catch (PosixException e) {
            throw failure("create symbolic link", path, e);
        }
    }

    @Override
    public void hardlink(String path, String target) {
        Fd parent = parent(path);
        Path name = name(path);
        removeNonDirectory(parent, name);
        try {
            SYS.linkat(parent(target), name(target), parent, name, 0);
        } catch (PosixException e) {
            throw failure("create hard link", path, e);
        }
    }

    @Override
    public void special(String path, CopyMeta meta, int type, long device) {
        Fd parent = parent(path);
        Path name = name(path);
        removeNonDirectory(parent, name);
        try {
            SYS.mknodat(parent, name, type | meta.mode(), device);
            SYS.fchownat(parent, name, meta.uid(), meta.gid(), AtFlags.AT_SYMLINK_NOFOLLOW);
        } catch (PosixException e) {
            throw failure("create special file", path, e);
        }
    }

    @Override
    public void finish() {
        try {
            List<String> dirs = new ArrayList<>(dirTimes.keySet());
            for (int i = dirs.size() - 1; i >= 0; i--) {
                String d = dirs.get(i);
                try (Fd fd = root.open(destDir + d, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY)) {
                    SYS.futimens(fd, dirTimes.get(d), dirTimes.get(d));
                } catch (PosixException e) {
                    // a directory that went meanwhile keeps no time
                }
            }
        } finally {
            parents.values().forEach(Fd::close);
            parents.clear();
        }
    }

    private Fd parent(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        Fd fd = parents.get(dir);
        if (fd == null) {
            try {
                fd = root.open(destDir + dir, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY);
            } catch (PosixException e) {
                throw failure("find the directory of", path, e);
            }
            parents.put(dir, fd);
        }
        return fd;
    }

    private static Path name(String path) {
        return Path.of(path.substring(path.lastIndexOf('/') + 1));
    }

    private void removeNonDirectory(Fd parent, Path name) {
        try {
            SYS.unlinkat(parent, name, 0);
        } catch (PosixException e) {
            if (e.errno() != Errno.ENOENT) {
                throw failure("replace", name.toString(), e);
            }
        }
    }

    private ContainerException failure(String action, String path, PosixException e) {
        return new ContainerException(root.container(), "cannot " + action + " " + destDir + path + " in container "
                + root.container() + ": " + e.getMessage(), e);
    }
}

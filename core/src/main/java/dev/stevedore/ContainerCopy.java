package dev.stevedore;

import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.PosixException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * {@code docker cp} in both directions, with its rules for the destination: an existing
 * directory receives the source under its own name; otherwise the destination is the new name
 * (its parent must exist); a path ending in {@code /} must be an existing directory.
 */
final class ContainerCopy {
    private ContainerCopy() {}

    static void toContainer(ContainerRoot root, Path hostPath, String containerPath) {
        checkPath(containerPath);
        if (!Files.exists(hostPath, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("no such file or directory on the host: " + hostPath);
        }
        boolean srcIsDir = Files.isDirectory(hostPath, LinkOption.NOFOLLOW_LINKS);
        String hostName = hostPath.getFileName() == null ? "root" : hostPath.getFileName().toString();
        Kind kind = kind(root, containerPath);
        String destDir;
        String name;
        if (kind == Kind.DIRECTORY) {
            destDir = containerPath;
            name = hostName;
        } else if (containerPath.endsWith("/")) {
            throw new ContainerException(root.container(), "cannot copy to " + containerPath + " in container "
                    + root.container() + ": no such directory");
        } else if (kind == Kind.OTHER && srcIsDir) {
            throw new ContainerException(root.container(), "cannot copy the directory " + hostPath + " to "
                    + containerPath + " in container " + root.container() + ": it is not a directory");
        } else {
            destDir = dirname(containerPath);
            name = basename(containerPath);
            if (kind(root, destDir) != Kind.DIRECTORY) {
                throw new ContainerException(root.container(), "cannot copy to " + containerPath + " in container "
                        + root.container() + ": its parent directory does not exist");
            }
        }
        run(root, "copy " + hostPath + " to " + containerPath,
                () -> CopyHostWalk.walk(hostPath, name, new CopyRootSink(root, destDir), true));
    }

    static void untarInto(ContainerRoot root, InputStream tar, String containerDir) {
        checkPath(containerDir);
        if (kind(root, containerDir) != Kind.DIRECTORY) {
            throw new ContainerException(root.container(), "cannot unpack into " + containerDir + " in container "
                    + root.container() + ": no such directory");
        }
        run(root, "unpack a tar stream into " + containerDir,
                () -> CopyTarSource.read(tar, new CopyRootSink(root, containerDir)));
    }

    static void fromContainer(ContainerRoot root, String containerPath, Path hostPath) {
        checkSource(root, containerPath);
        Path destDir;
        String name;
        if (Files.isDirectory(hostPath)) {
            destDir = hostPath;
            name = basename(containerPath);
        } else {
            destDir = hostPath.toAbsolutePath().getParent();
            name = hostPath.getFileName().toString();
            if (destDir == null || !Files.isDirectory(destDir)) {
                throw new IllegalArgumentException("cannot copy to " + hostPath + ": its parent directory does not exist");
            }
        }
        run(root, "copy " + containerPath + " to " + hostPath,
                () -> CopyRootWalk.walk(root, containerPath, name, new CopyHostSink(destDir)));
    }

    static void tarFrom(ContainerRoot root, String containerPath, OutputStream tar) {
        checkSource(root, containerPath);
        run(root, "archive " + containerPath,
                () -> CopyRootWalk.walk(root, containerPath, basename(containerPath), new CopyTarSink(tar)));
    }

    private enum Kind { DIRECTORY, OTHER, MISSING }

    private static Kind kind(ContainerRoot root, String path) {
        try {
            root.open(path, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY).close();
            return Kind.DIRECTORY;
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOTDIR) {
                return Kind.OTHER;
            }
            if (e.errno() == Errno.ENOENT) {
                return Kind.MISSING;
            }
            throw new ContainerException(root.container(), "cannot look up " + path + " in container "
                    + root.container() + ": " + e.getMessage(), e);
        }
    }

    private static void checkSource(ContainerRoot root, String containerPath) {
        checkPath(containerPath);
        if (basename(containerPath).isEmpty()) {
            throw new IllegalArgumentException("copy a directory below / rather than / itself");
        }
        try (Fd fd = root.open(dirname(containerPath), OpenFlags.O_PATH | OpenFlags.O_DIRECTORY)) {
            dev.stevedore.posix.Syscalls.linux().fstatat(fd, Path.of(basename(containerPath)),
                    dev.stevedore.posix.AtFlags.AT_SYMLINK_NOFOLLOW);
        } catch (PosixException e) {
            throw new ContainerException(root.container(), "cannot copy " + containerPath + " out of container "
                    + root.container() + ": " + e.getMessage(), e);
        }
    }

    private static void checkPath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("container paths must be absolute, got \"" + path + "\"");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("container paths must not contain NUL");
        }
    }

    private static void run(ContainerRoot root, String action, Runnable copy) {
        try {
            copy.run();
        } catch (UncheckedIOException e) {
            throw new ContainerException(root.container(), "cannot " + action + " in container " + root.container()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (PosixException e) {
            throw new ContainerException(root.container(), "cannot " + action + " in container " + root.container()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The parent of an absolute container path ({@code /} for a top-level name). */
    static String dirname(String path) {
        String p = trimSlashes(path);
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    /** The last component of an absolute container path (empty for {@code /}). */
    static String basename(String path) {
        String p = trimSlashes(path);
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static String trimSlashes(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}

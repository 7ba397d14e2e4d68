package dev.stevedore;

import dev.stevedore.posix.Fd;
import dev.stevedore.posix.MountApi;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.OpenHow;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's root file system as a directory descriptor that every path inside is resolved
 * against with {@code openat2(RESOLVE_IN_ROOT)}, so that neither symbolic links nor {@code ..}
 * lead out of it. For a running container it is {@code /proc/<pid>/root} (its merged view with
 * its volumes and mounts); for one that does not run, a detached overlay mount
 * ({@code fsopen}/{@code fsmount}, attached nowhere, gone when closed) of its image's snapshots
 * under its upper directory, so writes land in the upper directory as the container's own.
 */
final class ContainerRoot implements AutoCloseable {
    private static final Syscalls SYS = Syscalls.linux();

    private final Fd root;
    private final List<Fd> extra;
    private final String container;

    private ContainerRoot(Fd root, List<Fd> extra, String container) {
        this.root = root;
        this.extra = extra;
        this.container = container;
    }

    static ContainerRoot open(ContainerManager manager, ContainerRecord r) {
        if (r.status() == ContainerStatus.RUNNING && ContainerProcs.alive(r.pid(), r.pidStart())) {
            try {
                Fd fd = SYS.openat(Fd.cwd(), Path.of("/proc", Long.toString(r.pid().getAsLong()), "root"),
                        OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
                return new ContainerRoot(fd, List.of(), r.id());
            } catch (PosixException e) {
                throw new ContainerException(r.id(), "cannot open the root of container " + r.id() + ": " + e.getMessage(), e);
            }
        }
        manager.engine().sandboxRuntime(); // mounting needs root, like running
        return mountOverlay(manager.records(), r);
    }

    private static ContainerRoot mountOverlay(ContainerRecords records, ContainerRecord r) {
        List<Fd> dirs = new ArrayList<>();
        try {
            Files.createDirectories(records.upperDir(r.id()));
            Files.createDirectories(records.workDir(r.id()));
            try (Fd ctx = SYS.fsopen("overlay", MountApi.FSOPEN_CLOEXEC)) {
                for (Path lower : r.lowers()) {
                    SYS.fsconfigString(ctx, "lowerdir+", pathOf(lower, dirs));
                }
                SYS.fsconfigString(ctx, "upperdir", pathOf(records.upperDir(r.id()), dirs));
                SYS.fsconfigString(ctx, "workdir", pathOf(records.workDir(r.id()), dirs));
                SYS.fsconfigString(ctx, "redirect_dir", "off");
                SYS.fsconfigString(ctx, "metacopy", "off");
                SYS.fsconfigString(ctx, "index", "off");
                SYS.fsconfigCommand(ctx, MountApi.FSCONFIG_CMD_CREATE);
                Fd mount = SYS.fsmount(ctx, MountApi.FSMOUNT_CLOEXEC, MountApi.MOUNT_ATTR_NODEV);
                return new ContainerRoot(mount, dirs, r.id());
            }
        } catch (IOException | PosixException e) {
            dirs.forEach(Fd::close);
            throw new ContainerException(r.id(), "cannot mount the file system of container " + r.id()
                    + " to copy into or out of it: " + e.getMessage(), e);
        }
    }

    /** A short name for a directory (fsconfig strings are limited to 256 bytes): its descriptor's magic link. */
    private static String pathOf(Path dir, List<Fd> keep) {
        Fd fd = SYS.openat(Fd.cwd(), dir, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
        keep.add(fd);
        return "/proc/self/fd/" + fd.number();
    }

    /**
     * Opens a path inside, resolved within the root.
     *
     * @param path an absolute or relative path inside the container
     * @param flags {@link OpenFlags}
     */
    Fd open(String path, int flags) {
        String rel = path.replaceAll("^/+", "");
        return SYS.openat2(root, Path.of(rel.isEmpty() ? "." : rel),
                OpenHow.of(flags | OpenFlags.O_CLOEXEC, OpenHow.RESOLVE_IN_ROOT | OpenHow.RESOLVE_NO_MAGICLINKS));
    }

    String container() {
        return container;
    }

    @Override
    public void close() {
        root.close();
        extra.forEach(Fd::close);
    }
}

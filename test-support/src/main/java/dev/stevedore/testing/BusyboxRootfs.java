package dev.stevedore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An unpacked busybox root file system on disk: Debian's static {@code /bin/busybox} with
 * applet symlinks in {@code /bin} ({@code sh}, {@code echo}, {@code id}, {@code httpd},
 * {@code wget}, ...), {@code /etc/passwd} and {@code /etc/group} with {@code root},
 * {@code app} (1000:1000, also in group {@code staff} 50) and {@code nobody} (65534),
 * {@code /tmp} 1777, {@code /root} 0700, {@code /home/app} owned by 1000, empty
 * {@code /proc}, {@code /sys}, {@code /dev} mount points and empty {@code /etc/hostname},
 * {@code /etc/hosts}, {@code /etc/resolv.conf}. It is the same tree as {@link BusyboxImage}'s
 * layer. Ownership is applied only when running as root.
 *
 * <pre>{@code
 * BusyboxRootfs rootfs = BusyboxRootfs.createIn(tmp.resolve("rootfs"));
 * new ProcessBuilder("chroot", rootfs.root().toString(), "/bin/id", "app").inheritIO().start();
 * }</pre>
 *
 * @param root the directory holding the tree
 */
public record BusyboxRootfs(Path root) {
    /** The uid of user {@code app}. */
    public static final int APP_UID = 1000;
    /** The gid of group {@code app}, {@code app}'s primary group. */
    public static final int APP_GID = 1000;
    /** The gid of group {@code staff}, a supplementary group of {@code app}. */
    public static final int STAFF_GID = 50;
    /** The uid and gid of {@code nobody} / {@code nogroup}. */
    public static final int NOBODY_ID = 65534;

    /**
     * Checks the field.
     *
     * @param root the directory holding the tree
     * @throws NullPointerException if {@code root} is null
     */
    public BusyboxRootfs {
        Objects.requireNonNull(root, "root");
    }

    /**
     * Writes the busybox tree into {@code root}, which must be absent or an empty directory.
     *
     * <pre>{@code BusyboxRootfs rootfs = BusyboxRootfs.createIn(tmp.resolve("rootfs"));}</pre>
     *
     * @param root where the root file system goes
     * @return the created root file system
     * @throws IllegalArgumentException if {@code root} exists and is not an empty directory
     * @throws FixtureException if the tree cannot be written
     */
    public static BusyboxRootfs createIn(Path root) {
        requireEmptyOrAbsent(root);
        TreeWriter.write(BusyboxTree.entries(), root, Preconditions.isRoot());
        return new BusyboxRootfs(root);
    }

    /**
     * The applets linked in {@code /bin}, each a symlink to {@code busybox}.
     *
     * @return the applet names, sorted
     */
    public static List<String> applets() {
        return BusyboxTree.APPLETS;
    }

    /**
     * The busybox binary inside the tree.
     *
     * @return {@code root/bin/busybox}
     */
    public Path busybox() {
        return root.resolve("bin/busybox");
    }

    /**
     * A path inside the tree.
     *
     * <pre>{@code rootfs.resolve("/etc/passwd")}</pre>
     *
     * @param pathInRootfs an absolute or relative path inside the root file system
     * @return the host path
     */
    public Path resolve(String pathInRootfs) {
        String relative = pathInRootfs.replaceFirst("^/+", "");
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    private static void requireEmptyOrAbsent(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("rootfs target exists and is not a directory: " + root);
        }
        try (Stream<Path> children = Files.list(root)) {
            if (children.findAny().isPresent()) {
                throw new IllegalArgumentException("rootfs target is not empty: " + root);
            }
        } catch (IOException e) {
            throw new FixtureException("Tried to list " + root + " but failed because: " + e.getMessage(), e);
        }
    }
}

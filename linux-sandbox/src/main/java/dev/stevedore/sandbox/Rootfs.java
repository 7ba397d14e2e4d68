package dev.stevedore.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * The root file system of a sandbox: a directory used as it is, or an overlay of read-only
 * lower directories under a writable upper directory. The overlay is mounted inside the
 * sandbox's own mount namespace, with {@code redirect_dir=off,metacopy=off,index=off} so the
 * upper directory stays a plain diff, and disappears with the sandbox.
 *
 * <pre>{@code
 * Rootfs.directory(Path.of("/srv/busybox"))
 * Rootfs.overlay(List.of(layer2, layer1), upper, work)   // top-most lower first
 * }</pre>
 */
public sealed interface Rootfs {

    /**
     * A directory used as the root as it is: writes land in it.
     *
     * @param dir an existing directory
     * @return the root
     */
    static Rootfs directory(Path dir) {
        return new Directory(dir);
    }

    /**
     * An overlay: {@code lowers} in overlayfs order (the top-most, newest layer first),
     * {@code upper} receives every change, {@code work} is overlayfs's scratch directory on
     * the same file system as {@code upper}.
     *
     * @param lowers one or more read-only layers, top-most first
     * @param upper the writable layer
     * @param work an empty directory beside {@code upper}
     * @return the root
     */
    static Rootfs overlay(List<Path> lowers, Path upper, Path work) {
        return new Overlay(lowers, upper, work);
    }

    /** @param dir the root directory */
    record Directory(Path dir) implements Rootfs {
        /** Requires an absolute path. */
        public Directory {
            if (!dir.isAbsolute()) {
                throw new IllegalArgumentException("rootfs directory must be absolute: " + dir);
            }
            dir = dir.normalize();
        }
    }

    /**
     * @param lowers read-only layers, top-most first
     * @param upper the writable layer
     * @param work overlayfs's work directory
     */
    record Overlay(List<Path> lowers, Path upper, Path work) implements Rootfs {
        /** Requires at least one lower and absolute paths throughout. */
        public Overlay {
            lowers = List.copyOf(lowers);
            if (lowers.isEmpty()) {
                throw new IllegalArgumentException("an overlay rootfs needs at least one lower directory");
            }
            for (Path p : lowers) {
                requireAbsolute(p, "lower");
            }
            requireAbsolute(upper, "upper");
            requireAbsolute(work, "work");
            lowers = lowers.stream().map(Path::normalize).toList();
            upper = upper.normalize();
            work = work.normalize();
        }

        private static void requireAbsolute(Path p, String what) {
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("overlay " + what + " directory must be absolute: " + p);
            }
        }
    }
}

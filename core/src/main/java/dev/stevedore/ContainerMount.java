package dev.stevedore;

import java.nio.file.Path;

/**
 * A mount into a container: a host path, a tmpfs, or a named volume, as
 * {@code docker run --mount}.
 *
 * <pre>{@code
 * ContainerMount.bind(Path.of("/srv/site"), "/www").asReadOnly()
 * ContainerMount.tmpfs("/run", 16L << 20)
 * ContainerMount.volume("pgdata", "/var/lib/postgresql/data")
 * }</pre>
 */
public sealed interface ContainerMount {
    /**
     * A host file or directory, read-write.
     *
     * @param source the absolute host path; must exist
     * @param target the absolute path inside the container
     * @return the mount
     */
    static Bind bind(Path source, String target) {
        return new Bind(source, target, false);
    }

    /**
     * A memory-backed file system, mode 1777 as Docker's.
     *
     * @param target the absolute path inside the container
     * @param sizeBytes its size limit, or 0 for the kernel's default
     * @return the mount
     */
    static Tmpfs tmpfs(String target, long sizeBytes) {
        return new Tmpfs(target, sizeBytes, 01777);
    }

    /**
     * A named volume under the engine's {@code volumes/}, created on first use; it outlives the
     * container.
     *
     * @param name the volume's name
     * @param target the absolute path inside the container
     * @return the mount
     */
    static Volume volume(String name, String target) {
        return new Volume(name, target, false);
    }

    /**
     * @return the absolute path inside the container
     */
    String target();

    /**
     * @return whether the container sees it read-only
     */
    boolean isReadOnly();

    private static String checkTarget(String target) {
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException("mount target must be an absolute path inside the container, got \""
                    + target + "\"");
        }
        if (target.indexOf('\0') >= 0 || target.contains(":")) {
            throw new IllegalArgumentException("mount target must not contain NUL or ':', got \"" + target + "\"");
        }
        return target;
    }

    /**
     * @param source the absolute host path
     * @param target the path inside the container
     * @param readOnly whether it is read-only
     */
    record Bind(Path source, String target, boolean readOnly) implements ContainerMount {
        /**
         * Checks the paths.
         *
         * @param source the absolute host path
         * @param target the path inside the container
         * @param readOnly whether it is read-only
         */
        public Bind {
            if (source == null || !source.isAbsolute()) {
                throw new IllegalArgumentException("bind mount source must be an absolute host path, got " + source);
            }
            checkTarget(target);
        }

        /**
         * @return this mount, read-only
         */
        public Bind asReadOnly() {
            return new Bind(source, target, true);
        }

        @Override
        public boolean isReadOnly() {
            return readOnly;
        }
    }

    /**
     * @param target the path inside the container
     * @param sizeBytes its size limit, or 0
     * @param mode the permission bits of its root
     */
    record Tmpfs(String target, long sizeBytes, int mode) implements ContainerMount {
        /**
         * Checks the path, size and mode.
         *
         * @param target the path inside the container
         * @param sizeBytes its size limit, or 0
         * @param mode the permission bits of its root
         */
        public Tmpfs {
            checkTarget(target);
            if (sizeBytes < 0 || mode < 0 || mode > 07777) {
                throw new IllegalArgumentException("tmpfs size must be >= 0 and mode within 07777");
            }
        }

        /**
         * @param newMode the permission bits
         * @return a copy
         */
        public Tmpfs withMode(int newMode) {
            return new Tmpfs(target, sizeBytes, newMode);
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }
    }

    /**
     * @param name the volume's name
     * @param target the path inside the container
     * @param readOnly whether it is read-only
     */
    record Volume(String name, String target, boolean readOnly) implements ContainerMount {
        /**
         * Checks the name and the path.
         *
         * @param name the volume's name
         * @param target the path inside the container
         * @param readOnly whether it is read-only
         */
        public Volume {
            Volumes.checkName(name);
            checkTarget(target);
        }

        /**
         * @return this mount, read-only
         */
        public Volume asReadOnly() {
            return new Volume(name, target, true);
        }

        @Override
        public boolean isReadOnly() {
            return readOnly;
        }
    }
}

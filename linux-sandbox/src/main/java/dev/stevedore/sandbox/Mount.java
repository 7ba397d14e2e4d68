package dev.stevedore.sandbox;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A mount inside the sandbox, beyond the defaults (/proc, /dev, /dev/pts, /dev/shm,
 * /dev/mqueue, /sys, /sys/fs/cgroup). Targets are absolute paths inside the sandbox, resolved
 * inside its root: a symlink in the image cannot send a mount to the host.
 *
 * <pre>{@code
 * Mount.bind(Path.of("/srv/data"), "/data").asReadOnly()
 * Mount.tmpfs("/run", 64L << 20, 0755)
 * }</pre>
 *
 * @param type what is mounted
 * @param source the host path for a bind mount; empty otherwise
 * @param target where, inside the sandbox
 * @param readOnly whether it is mounted read-only
 * @param options extra file-system options, e.g. {@code size=65536k,mode=755} for tmpfs
 * @param propagation mount propagation, when not the default private
 */
public record Mount(Type type, Optional<Path> source, String target, boolean readOnly, String options,
        Optional<Propagation> propagation) {

    /** What a mount holds. */
    public enum Type {
        /** A host file or directory. */
        BIND,
        /** A memory-backed file system. */
        TMPFS,
        /** A procfs for the sandbox's PID namespace. */
        PROC,
        /** sysfs. */
        SYSFS,
        /** A new devpts instance. */
        DEVPTS,
        /** A POSIX message-queue file system. */
        MQUEUE
    }

    /** Mount propagation, as {@code mount --make-*}. */
    public enum Propagation {
        /** No events in or out. */
        PRIVATE,
        /** Events from the host come in; none go out. */
        SLAVE,
        /** Events both ways. */
        SHARED,
        /** Recursive private. */
        RPRIVATE,
        /** Recursive slave. */
        RSLAVE,
        /** Recursive shared. */
        RSHARED
    }

    /** Checks the target and the source. */
    public Mount {
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("mount target must be an absolute path inside the sandbox: " + target);
        }
        if (target.indexOf('\0') >= 0 || options.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("mount target and options must not contain NUL");
        }
        if (type == Type.BIND && (source.isEmpty() || !source.get().isAbsolute())) {
            throw new IllegalArgumentException("a bind mount needs an absolute host source path, got " + source);
        }
        if (type != Type.BIND && source.isPresent()) {
            throw new IllegalArgumentException("only bind mounts have a source");
        }
    }

    /**
     * Binds a host file or directory (recursively) into the sandbox, read-write.
     *
     * @param source the host path
     * @param target where inside the sandbox
     * @return the mount
     */
    public static Mount bind(Path source, String target) {
        return new Mount(Type.BIND, Optional.of(source), target, false, "", Optional.empty());
    }

    /**
     * A tmpfs of at most {@code sizeBytes} (0 for the kernel's default, half of RAM) with the
     * given permission bits.
     *
     * @param target where inside the sandbox
     * @param sizeBytes the size limit, or 0
     * @param mode the root directory's mode, e.g. {@code 01777}
     * @return the mount
     */
    public static Mount tmpfs(String target, long sizeBytes, int mode) {
        if (sizeBytes < 0 || mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("tmpfs size must be >= 0 and mode within 07777, got " + sizeBytes
                    + " and " + Integer.toOctalString(mode));
        }
        String opts = "mode=" + Integer.toOctalString(mode) + (sizeBytes > 0 ? ",size=" + sizeBytes : "");
        return new Mount(Type.TMPFS, Optional.empty(), target, false, opts, Optional.empty());
    }

    /**
     * A mount of a kernel file system type without a source ({@code PROC}, {@code SYSFS},
     * {@code DEVPTS}, {@code MQUEUE}).
     *
     * @param type the file-system type
     * @param target where inside the sandbox
     * @return the mount
     */
    public static Mount of(Type type, String target) {
        if (type == Type.BIND) {
            throw new IllegalArgumentException("use Mount.bind for bind mounts");
        }
        return new Mount(type, Optional.empty(), target, false, type == Type.DEVPTS ? "newinstance,ptmxmode=0666" : "",
                Optional.empty());
    }

    /** This mount, read-only. @return a read-only copy */
    public Mount asReadOnly() {
        return new Mount(type, source, target, true, options, propagation);
    }

    /** This mount with the given propagation. @param p the propagation @return a copy */
    public Mount withPropagation(Propagation p) {
        return new Mount(type, source, target, readOnly, options, Optional.of(p));
    }
}

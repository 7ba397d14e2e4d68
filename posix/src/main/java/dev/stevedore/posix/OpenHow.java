package dev.stevedore.posix;

/**
 * How {@link FileCalls#openat2} opens and resolves a path: {@code struct open_how}. Unlike
 * {@code openat}, {@code openat2} rejects unknown flags and a non-zero mode without
 * {@code O_CREAT} or {@code O_TMPFILE} with {@code EINVAL}.
 *
 * <pre>{@code
 * // open rootfs/etc/passwd the way a process chrooted to rootfs would see it
 * OpenHow how = OpenHow.of(OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, OpenHow.RESOLVE_IN_ROOT);
 * try (Fd passwd = sys.openat2(rootfs, Path.of("etc/passwd"), how)) { ... }
 * }</pre>
 *
 * @param flags the {@link OpenFlags}
 * @param mode the permissions of a created file, 0 unless {@code O_CREAT} or {@code O_TMPFILE}
 * @param resolve the {@code RESOLVE_*} flags of this class
 */
public record OpenHow(long flags, long mode, long resolve) {
    /** Fail with {@code EXDEV} when resolution crosses a mount point. */
    public static final long RESOLVE_NO_XDEV = 0x01;
    /** Fail with {@code ELOOP} on magic links such as {@code /proc/self/fd/N}. */
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    /** Fail with {@code ELOOP} on any symbolic link (and magic link). */
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    /** Fail with {@code EXDEV} if resolution would leave the directory (by {@code ..} or an absolute link). */
    public static final long RESOLVE_BENEATH = 0x08;
    /** Treat the directory as the root: {@code ..} and absolute links stay inside it, like a chroot. */
    public static final long RESOLVE_IN_ROOT = 0x10;
    /** Succeed only from the lookup cache, else fail with {@code EAGAIN}. */
    public static final long RESOLVE_CACHED = 0x20;

    /**
     * Creates the value; no field may be negative (they are unsigned 64-bit in C).
     *
     * @param flags the {@link OpenFlags}
     * @param mode the permissions of a created file
     * @param resolve the {@code RESOLVE_*} flags
     * @throws IllegalArgumentException if a field is negative
     */
    public OpenHow {
        if (flags < 0 || mode < 0 || resolve < 0) {
            throw new IllegalArgumentException("open_how fields must not be negative: " + flags + ", " + mode
                    + ", " + resolve);
        }
    }

    /**
     * Opens without creating: mode 0.
     *
     * @param flags the {@link OpenFlags}
     * @param resolve the {@code RESOLVE_*} flags
     * @return the value
     */
    public static OpenHow of(long flags, long resolve) {
        return new OpenHow(flags, 0, resolve);
    }
}

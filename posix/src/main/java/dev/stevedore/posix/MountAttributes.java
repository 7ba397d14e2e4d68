package dev.stevedore.posix;

/**
 * What {@link MountCalls#mountSetattr} changes on a mount: {@code struct mount_attr} without
 * its user namespace field (idmapped mounts are not bound yet).
 *
 * <pre>{@code
 * sys.mountSetattr(Fd.cwd(), rootfs, AtFlags.AT_RECURSIVE, MountAttributes.set(MountApi.MOUNT_ATTR_RDONLY));
 * }</pre>
 *
 * @param set the {@code MOUNT_ATTR_*} flags to set
 * @param clear the {@code MOUNT_ATTR_*} flags to clear (clear {@code MOUNT_ATTR__ATIME} to change
 *     the atime mode)
 * @param propagation 0 to keep it, or one of {@code MS_SHARED}, {@code MS_SLAVE}, {@code MS_PRIVATE}, {@code MS_UNBINDABLE}
 */
public record MountAttributes(long set, long clear, long propagation) {
    /**
     * Sets flags, clears none, keeps the propagation.
     *
     * @param flags the {@link MountApi} {@code MOUNT_ATTR_*} flags to set
     * @return the value
     */
    public static MountAttributes set(long flags) {
        return new MountAttributes(flags, 0, 0);
    }

    /**
     * Clears flags, sets none, keeps the propagation.
     *
     * @param flags the {@link MountApi} {@code MOUNT_ATTR_*} flags to clear
     * @return the value
     */
    public static MountAttributes clear(long flags) {
        return new MountAttributes(0, flags, 0);
    }

    /**
     * Changes only the propagation.
     *
     * @param propagation one of the {@link MountFlags} {@code MS_SHARED}, {@code MS_SLAVE},
     *     {@code MS_PRIVATE}, {@code MS_UNBINDABLE}
     * @return the value
     */
    public static MountAttributes propagation(long propagation) {
        return new MountAttributes(0, 0, propagation);
    }
}

package dev.stevedore.layerstore;

/**
 * What {@link LayerApplier} does with character and block device entries. Images rarely carry
 * devices (a container's {@code /dev} is mounted at run time), but some base images have a few
 * under {@code /dev}. FIFOs are always created; a character device 0/0 (an overlay whiteout in
 * disguise) is always refused.
 */
public enum ApplyDevices {
    /** Create them ({@code mknod}; needs root). The default when running as root, as Docker does. */
    CREATE,
    /** Leave them out, silently apart from a debug log. The default when not root (as rootless engines do). */
    SKIP,
    /** Fail the layer with an {@link ApplyRefusedException} naming the entry. */
    REFUSE
}

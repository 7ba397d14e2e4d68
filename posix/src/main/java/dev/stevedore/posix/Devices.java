package dev.stevedore.posix;

/**
 * Device numbers ({@code dev_t}) as glibc encodes them ({@code makedev}, {@code major},
 * {@code minor} from {@code <sys/sysmacros.h>}): 32-bit major and minor numbers in 64 bits.
 *
 * <pre>{@code
 * long whiteout = Devices.makedev(0, 0);
 * long devNull = Devices.makedev(1, 3);
 * }</pre>
 */
public final class Devices {
    private Devices() {}

    /**
     * Combines a major and a minor number into a device number.
     *
     * @param major the major number (the driver)
     * @param minor the minor number (the device)
     * @return the {@code dev_t} value
     */
    public static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return (ma & 0x00000fffL) << 8 | (ma & 0xfffff000L) << 32 | (mi & 0x000000ffL) | (mi & 0xffffff00L) << 12;
    }

    /**
     * The major number of a device number.
     *
     * @param device a {@code dev_t} value
     * @return its major number
     */
    public static int major(long device) {
        return (int) ((device >>> 8) & 0x00000fffL | (device >>> 32) & 0xfffff000L);
    }

    /**
     * The minor number of a device number.
     *
     * @param device a {@code dev_t} value
     * @return its minor number
     */
    public static int minor(long device) {
        return (int) (device & 0x000000ffL | (device >>> 12) & 0xffffff00L);
    }
}

package dev.stevedore.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Map;

/**
 * Loads the private JNA interfaces of this package from the C library, all with the same
 * options: strings cross as UTF-8, whatever the JVM's default charset.
 *
 * <p>Every binding assumes Linux on x86-64 (LP64): C {@code long}, {@code size_t},
 * {@code ssize_t}, {@code off_t}, {@code dev_t}, {@code ino_t} and {@code time_t} are 64 bits
 * and map to Java {@code long}; {@code int}, {@code mode_t}, {@code uid_t}, {@code gid_t} and
 * {@code pid_t} are 32 bits and map to {@code int}.
 */
final class LibC {
    private static final Map<String, Object> OPTIONS = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");

    private LibC() {}

    static <T extends Library> T load(Class<T> bindings) {
        requireSupported();
        return Native.load("c", bindings, OPTIONS);
    }

    /** Fails unless this is Linux on x86-64, the only platform whose layouts and numbers this package spells out. */
    static void requireSupported() {
        if (!(Platform.isLinux() && Platform.isIntel() && Platform.is64Bit())) {
            throw new UnsupportedOperationException("stevedore-posix needs Linux on x86-64, not "
                    + System.getProperty("os.name") + " on " + System.getProperty("os.arch"));
        }
    }
}

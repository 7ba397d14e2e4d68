package dev.stevedore.layerstore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** Names in layer archives: their order, and the names OCI reserves for whiteouts. */
final class TarNames {
    /** The prefix of an OCI whiteout: {@code .wh.<name>} hides {@code <name>} of lower layers. */
    static final String WHITEOUT_PREFIX = ".wh.";
    /** The OCI opaque marker: hides every child the directory has in lower layers. */
    static final String OPAQUE_MARKER = ".wh..wh..opq";

    /**
     * Byte order of the UTF-8 encoding, which is what a layer's entries are sorted by. (Java's
     * {@link String#compareTo} compares UTF-16 units, which orders some characters differently.)
     */
    static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b));

    private TarNames() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a file name is reserved for whiteouts, so that no real file may carry it. */
    static boolean isReserved(String name) {
        return name.startsWith(WHITEOUT_PREFIX);
    }
}

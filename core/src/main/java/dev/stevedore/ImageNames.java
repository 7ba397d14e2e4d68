package dev.stevedore;

import dev.stevedore.layerstore.Refs;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.OciException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Image references and the store's ref names. A ref is named by the fully normalized
 * reference ({@code docker.io/library/busybox:latest}), which the OCI ref-name grammar
 * accepts for almost every reference. The few it does not ({@code a__b}, {@code a---b},
 * tags ending in {@code -} or {@code .} or starting with {@code _}, IPv6 registries) are
 * stored as {@code encoded+<hex of the UTF-8 reference>}: normalized references never contain
 * {@code +}, so such a name is never a reference of its own.
 */
final class ImageNames {
    static final String ENCODED_PREFIX = "encoded+";
    private static final Pattern FULL_ID = Pattern.compile("(?:sha256:)?([0-9a-f]{64})");
    private static final Pattern SHORT_ID = Pattern.compile("(?:sha256:)?([0-9a-f]{1,63})");

    private ImageNames() {
    }

    /**
     * Parses and normalizes a reference.
     *
     * @throws ImageReferenceException if it is not valid
     */
    static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ImageReferenceException(String.valueOf(text), "empty");
        }
        try {
            return ImageReference.parse(text);
        } catch (OciException | IllegalArgumentException e) {
            throw new ImageReferenceException(text, e.getMessage(), e);
        }
    }

    /** The store ref name of a reference. */
    static String refName(ImageReference reference) {
        String text = reference.toString();
        if (Refs.isValidName(text) && !text.contains("+")) {
            return text;
        }
        return ENCODED_PREFIX + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The reference a store ref name stands for, if the engine could have written it: a name
     * that is not a normalized reference (such as {@code latest}, written by other tools) is none.
     */
    static Optional<String> reference(String refName) {
        if (refName.startsWith(ENCODED_PREFIX)) {
            try {
                String decoded = new String(HexFormat.of().parseHex(refName.substring(ENCODED_PREFIX.length())),
                        StandardCharsets.UTF_8);
                return normalizedOnly(decoded);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return normalizedOnly(refName);
    }

    /** The hex of a full image id ({@code sha256:<64 hex>} or the 64 hex alone), if it is one. */
    static Optional<String> fullId(String text) {
        var m = FULL_ID.matcher(text);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The hex prefix of a short image id, if it could be one. */
    static Optional<String> shortId(String text) {
        var m = SHORT_ID.matcher(text);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> normalizedOnly(String candidate) {
        try {
            ImageReference parsed = ImageReference.parse(candidate);
            return parsed.toString().equals(candidate) ? Optional.of(candidate) : Optional.empty();
        } catch (OciException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

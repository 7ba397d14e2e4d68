package dev.stevedore.dockerfile;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Number and boolean parsing with the acceptance rules (and error texts) of Go's
 * {@code strconv} and {@code docker/go-units}, which BuildKit uses for flag and mount values.
 */
final class GoNumbers {
    /** A decimal float as Go's ParseFloat reads it; hex floats handled separately. */
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX_FLOAT =
            Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");

    private GoNumbers() {
    }

    /** Go's {@code strconv.ParseBool}. */
    static Optional<Boolean> parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** Go's {@code strconv.ParseUint(s, base, bits)} for bases 8 and 10: digits only, no sign. */
    static OptionalLong parseUint(String s, int base, int bits) {
        if (s.isEmpty() || s.length() > 64) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), base) < 0 || s.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        BigInteger value = new BigInteger(s, base);
        if (value.bitLength() > bits) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.longValue());
    }

    /**
     * Go's {@code strconv.ParseInt(s, 10, 32)}.
     *
     * @throws DockerfileException (unlocated) with Go's message if the text is not such a number
     */
    static int parseInt32(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean syntax = !digits.isEmpty();
        for (int i = 0; i < digits.length() && syntax; i++) {
            syntax = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        if (!syntax) {
            throw DockerfileException.unlocated(
                    "strconv.ParseInt: parsing " + GoText.quote(s) + ": invalid syntax", s);
        }
        BigInteger value = new BigInteger(s.startsWith("+") ? digits : s);
        if (value.bitLength() > 31) {
            throw DockerfileException.unlocated(
                    "strconv.ParseInt: parsing " + GoText.quote(s) + ": value out of range", s);
        }
        return value.intValue();
    }

    /** Whether Go's {@code strconv.ParseFloat(s, 64)} accepts {@code s} (finite numbers only). */
    static boolean isGoFloat(String s) {
        return DECIMAL_FLOAT.matcher(s).matches() || HEX_FLOAT.matcher(s).matches();
    }

    /**
     * {@code units.RAMInBytes} (go-units v0.5.0): a number, an optional space, an optional
     * binary suffix {@code k m g t p}, optionally followed by {@code b} or {@code ib}.
     *
     * @return the size in bytes, or empty if the text is not a size
     */
    static OptionalLong ramInBytes(String size) {
        int sep = -1;
        for (int i = size.length() - 1; i >= 0; i--) {
            char c = size.charAt(i);
            if ((c >= '0' && c <= '9') || c == '.' || c == ' ') {
                sep = i;
                break;
            }
        }
        if (sep == -1) {
            return OptionalLong.empty();
        }
        String num = size.charAt(sep) != ' ' ? size.substring(0, sep + 1) : size.substring(0, sep);
        String suffix = size.substring(sep + 1);
        if (num.length() > 512 || !isGoFloat(num)) {
            return OptionalLong.empty();
        }
        // Java reads both forms like Go once the syntax is known to be Go's (hex floats need their 'p').
        double value = Double.parseDouble(num);
        if (value < 0 || Double.isNaN(value)) {
            return OptionalLong.empty();
        }
        if (suffix.isEmpty()) {
            return OptionalLong.of((long) value);
        }
        if (suffix.length() > 3) {
            return OptionalLong.empty();
        }
        suffix = suffix.toLowerCase(java.util.Locale.ROOT);
        if (suffix.charAt(0) == 'b') {
            return suffix.length() > 1 ? OptionalLong.empty() : OptionalLong.of((long) value);
        }
        long unit = switch (suffix.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            case 'p' -> 1L << 50;
            default -> 0;
        };
        if (unit == 0) {
            return OptionalLong.empty();
        }
        if ((suffix.length() == 2 && suffix.charAt(1) != 'b') || (suffix.length() == 3 && !suffix.endsWith("ib"))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) (value * unit));
    }
}

package dev.stevedore.examples.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/**
 * Numbers and durations as Docker prints them: the rules of go-units' {@code HumanDuration},
 * {@code HumanSizeWithPrecision} and {@code RAMInBytes}, written for Stevedore.
 */
public final class Human {
    private static final String[] DECIMAL_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

    private Human() {}

    /**
     * A duration as "About a minute", "3 hours", "2 weeks".
     *
     * <pre>{@code Human.duration(Duration.ofSeconds(90)) // "About a minute"}</pre>
     *
     * @param d the duration (negative counts as zero)
     * @return its human form
     */
    public static String duration(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toMillis() / 3_600_000.0);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }

    /**
     * A size in decimal units with three significant digits, as {@code docker images}: "4.26MB".
     *
     * @param bytes the size
     * @return its human form
     */
    public static String size(long bytes) {
        return size(bytes, 3);
    }

    /**
     * A size in decimal units with the given significant digits ("1.234kB" with 4).
     *
     * @param bytes the size
     * @param precision significant digits
     * @return its human form
     */
    public static String size(long bytes, int precision) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < DECIMAL_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision));
        return rounded.stripTrailingZeros().toPlainString() + DECIMAL_UNITS[unit];
    }

    /**
     * Parses a memory size as {@code docker run --memory}: a number with an optional binary
     * unit {@code b k m g t p} (any case, optionally followed by {@code b} or {@code ib}).
     *
     * @param text such as {@code "512m"}
     * @return bytes
     * @throws IllegalArgumentException if it is not such a size
     */
    public static long ramInBytes(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        double number = Double.parseDouble(s.substring(0, end));
        String unit = s.substring(end).trim();
        long multiplier = switch (unit) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            case "p", "pb", "pib" -> 1L << 50;
            default -> throw new IllegalArgumentException("invalid size: '" + text + "'");
        };
        return (long) (number * multiplier);
    }

    /**
     * Cuts text to a width, ending it with "…" when cut, as docker/cli's {@code Ellipsis}.
     *
     * @param text the text
     * @param width the most code points to keep
     * @return the text, cut
     */
    public static String ellipsis(String text, int width) {
        int length = text.codePointCount(0, text.length());
        if (length <= width) {
            return text;
        }
        if (width <= 1) {
            return text.substring(0, text.offsetByCodePoints(0, width));
        }
        return text.substring(0, text.offsetByCodePoints(0, width - 1)) + "…";
    }
}

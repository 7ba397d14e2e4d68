package dev.stevedore.dockerfile;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Go's {@code time.ParseDuration}: a possibly signed sequence of decimal numbers, each with
 * an optional fraction and a unit ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h}), such as {@code 300ms}, {@code 1.5h} or {@code 2h45m}.
 */
final class GoDuration {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(63);

    private GoDuration() {
    }

    /**
     * Parses a duration.
     *
     * @throws DockerfileException (unlocated) with Go's message if the text is not a duration
     */
    static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                throw invalid(text);
            }
            int start = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            BigInteger whole = i > start ? new BigInteger(s.substring(start, i)) : BigInteger.ZERO;
            if (whole.compareTo(MAX) > 0) {
                throw invalid(text);
            }
            boolean pre = i > start;
            boolean post = false;
            String fraction = "";
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
                fraction = s.substring(fracStart, i);
                post = i > fracStart;
            }
            if (!pre && !post) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw new DockerfileException("", 0, 0, "", "time: missing unit in duration "
                        + GoText.quoteAscii(text), text, null);
            }
            String unitText = s.substring(unitStart, i);
            long unit = unit(unitText);
            if (unit == 0) {
                throw new DockerfileException("", 0, 0, "", "time: unknown unit " + GoText.quoteAscii(unitText)
                        + " in duration " + GoText.quoteAscii(text), text, null);
            }
            BigInteger u = BigInteger.valueOf(unit);
            if (whole.compareTo(MAX.divide(u)) > 0) {
                throw invalid(text);
            }
            BigInteger v = whole.multiply(u);
            if (!fraction.isEmpty()) {
                v = v.add(fractionNanos(fraction, unit));
                if (v.compareTo(MAX) > 0) {
                    throw invalid(text);
                }
            }
            total = total.add(v);
            if (total.compareTo(MAX) > 0) {
                throw invalid(text);
            }
        }
        if (negative) {
            return Duration.ofNanos(total.negate().longValue());
        }
        if (total.compareTo(MAX) >= 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(total.longValue());
    }

    /** Go computes {@code uint64(float64(f) * (float64(unit) / scale))}, dropping digits that overflow. */
    private static BigInteger fractionNanos(String digits, long unit) {
        long f = 0;
        double scale = 1;
        boolean overflow = false;
        for (int i = 0; i < digits.length(); i++) {
            if (overflow) {
                continue;
            }
            long d = digits.charAt(i) - '0';
            if (f > (Long.MAX_VALUE) / 10) {
                overflow = true;
                continue;
            }
            long y = f * 10 + d;
            if (y < 0) {
                overflow = true;
                continue;
            }
            f = y;
            scale *= 10;
        }
        if (f == 0) {
            return BigInteger.ZERO;
        }
        return BigInteger.valueOf((long) ((double) f * ((double) unit / scale)));
    }

    private static long unit(String u) {
        return switch (u) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0;
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static DockerfileException invalid(String text) {
        return new DockerfileException("", 0, 0, "", "time: invalid duration " + GoText.quoteAscii(text), text, null);
    }

    /** Go's {@code Duration.String()}, e.g. {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        BigInteger u = BigInteger.valueOf(nanos).abs();
        StringBuilder out = new StringBuilder();
        if (u.compareTo(BigInteger.valueOf(1_000_000_000L)) < 0) {
            long v = u.longValue();
            String unit;
            long div;
            if (v < 1_000) {
                return (neg ? "-" : "") + v + "ns";
            } else if (v < 1_000_000) {
                unit = "\u00b5s";
                div = 1_000;
            } else {
                unit = "ms";
                div = 1_000_000;
            }
            out.append(v / div);
            appendFraction(out, v % div, div);
            out.append(unit);
        } else {
            long v = u.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            long seconds = v / 1_000_000_000L;
            long frac = v % 1_000_000_000L;
            long hours = seconds / 3600;
            long minutes = (seconds / 60) % 60;
            long secs = seconds % 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                out.append(minutes).append('m');
            }
            out.append(secs);
            appendFraction(out, frac, 1_000_000_000L);
            out.append('s');
        }
        return (neg ? "-" : "") + out;
    }

    private static void appendFraction(StringBuilder out, long frac, long div) {
        if (frac == 0) {
            return;
        }
        String digits = Long.toString(div + frac).substring(1);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        out.append('.').append(digits, 0, end);
    }
}

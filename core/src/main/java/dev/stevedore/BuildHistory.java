package dev.stevedore;

import dev.stevedore.oci.History;
import dev.stevedore.oci.UnknownFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** History entries as BuildKit writes them ({@code created_by}, the {@code buildkit.dockerfile.v0} comment). */
final class BuildHistory {
    static final String COMMENT = "buildkit.dockerfile.v0";

    private BuildHistory() {
    }

    static History of(Instant created, String createdBy) {
        return History.of(created, createdBy).withComment(COMMENT);
    }

    /** An entry whose time is not known yet (see {@link #dateLeading}). */
    static History undated(String createdBy) {
        return new History(Optional.empty(), Optional.of(createdBy), Optional.empty(), Optional.of(COMMENT), true,
                UnknownFields.none());
    }

    /**
     * Dates the entries at the start of a history that have no time — the config-only steps of
     * a {@code FROM scratch} stage before its first layer — with the time of the first entry
     * that has one (else {@code fallback}): the time of the layer they led to, which a cached
     * rebuild finds again, so the image is the same.
     */
    static List<History> dateLeading(List<History> history, Instant fallback) {
        int first = 0;
        while (first < history.size() && history.get(first).created().isEmpty()) {
            first++;
        }
        if (first == 0) {
            return history;
        }
        Instant when = first < history.size() ? history.get(first).created().orElseThrow() : fallback;
        List<History> out = new ArrayList<>(history);
        for (int i = 0; i < first; i++) {
            out.set(i, history.get(i).withCreated(when));
        }
        return out;
    }

    /** A string list as Go's {@code %q} prints a {@code []string}: {@code ["a" "b"]}. */
    static String goQuoted(List<String> values) {
        return values.stream().map(BuildHistory::quote).collect(Collectors.joining(" ", "[", "]"));
    }

    /** A string list as Go's {@code %v} prints it: {@code [a b]}. */
    static String goPlain(List<String> values) {
        return String.join(" ", values).transform(s -> "[" + s + "]");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * A health check as Go's {@code %q} prints a {@code *HealthConfig}, which is what BuildKit
     * writes: {@code &{["CMD-SHELL" "true"] "30s" "0s" "0s" "0s" '\x03'}}.
     */
    static String healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
            Duration startInterval, int retries) {
        return "&{" + goQuoted(test) + " " + quote(goDuration(interval)) + " " + quote(goDuration(timeout)) + " "
                + quote(goDuration(startPeriod)) + " " + quote(goDuration(startInterval)) + " " + goRune(retries) + "}";
    }

    /** A duration as Go's {@code time.Duration.String()}: {@code 1h0m0s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}. */
    static String goDuration(Duration d) {
        long ns = d.toNanos();
        if (ns == 0) {
            return "0s";
        }
        if (ns < 1_000) {
            return ns + "ns";
        }
        if (ns < 1_000_000) {
            return fraction(ns, 1_000) + "\u00b5s";
        }
        if (ns < 1_000_000_000) {
            return fraction(ns, 1_000_000) + "ms";
        }
        long hours = ns / 3_600_000_000_000L;
        long minutes = ns / 60_000_000_000L % 60;
        String seconds = fraction(ns % 60_000_000_000L, 1_000_000_000) + "s";
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }

    private static String fraction(long value, long unit) {
        String whole = Long.toString(value / unit);
        long rest = value % unit;
        if (rest == 0) {
            return whole;
        }
        String digits = Long.toString(unit + rest).substring(1).replaceAll("0+$", "");
        return whole + "." + digits;
    }

    /** An int as Go's {@code %q} prints it: a quoted character literal. */
    static String goRune(int c) {
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
            return "'" + (char) c + "'";
        }
        return switch (c) {
            case 7 -> "'\\a'";
            case 8 -> "'\\b'";
            case 9 -> "'\\t'";
            case 10 -> "'\\n'";
            case 11 -> "'\\v'";
            case 12 -> "'\\f'";
            case 13 -> "'\\r'";
            case '\\' -> "'\\\\'";
            case '\'' -> "'\\''";
            default -> c < 0x80 ? String.format("'\\x%02x'", c) : "'" + new String(Character.toChars(c)) + "'";
        };
    }

    /** The {@code |N A=1 B=2 } prefix BuildKit puts before a RUN's command when build ARGs are in scope. */
    static String argsPrefix(List<String> args) {
        return args.isEmpty() ? "" : "|" + args.size() + " " + String.join(" ", args) + " ";
    }
}

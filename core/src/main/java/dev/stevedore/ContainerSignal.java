package dev.stevedore;

import java.util.Locale;
import java.util.Map;

/** Signal names and numbers (Linux x86-64), parsed as Docker parses {@code STOPSIGNAL} and {@code docker kill -s}. */
final class ContainerSignal {
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31));
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    private ContainerSignal() {}

    /**
     * Parses {@code "SIGTERM"}, {@code "term"}, {@code "15"}, {@code "SIGRTMIN+3"}.
     *
     * @throws IllegalArgumentException if it names no signal
     */
    static int parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.matches("\\d+")) {
            int n = Integer.parseInt(s);
            if (n < 1 || n > SIGRTMAX) {
                throw new IllegalArgumentException("invalid signal: " + text);
            }
            return n;
        }
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        Integer n = NUMBERS.get(s);
        if (n != null) {
            return n;
        }
        if (s.startsWith("RTMIN") || s.startsWith("RTMAX")) {
            int base = s.startsWith("RTMIN") ? SIGRTMIN : SIGRTMAX;
            String rest = s.substring(5);
            int offset = rest.isEmpty() ? 0 : rest.matches("[+-]\\d+") ? Integer.parseInt(rest) : Integer.MIN_VALUE;
            int value = base + offset;
            if (offset != Integer.MIN_VALUE && value >= SIGRTMIN && value <= SIGRTMAX) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid signal: " + text);
    }
}

package dev.stevedore.posix;

import com.sun.jna.LastErrorException;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Turns a failed call into a {@link PosixException} whose message shows the call as it was
 * made: strings and paths quoted, {@link Fd}s by number, flags in hex, modes in octal.
 */
final class Call {
    private static final int MAX_STRING = 200;

    /** An argument shown in hexadecimal, the way flags read best. */
    record Hex(long value) {
        @Override
        public String toString() {
            return "0x" + Long.toHexString(value);
        }
    }

    /** An argument shown in octal, the way modes read best. */
    record Octal(long value) {
        @Override
        public String toString() {
            return value == 0 ? "0" : "0" + Long.toOctalString(value);
        }
    }

    /** An argument shown as is, unquoted: a constant's name, a struct, a pointer. */
    record Raw(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private Call() {}

    static Raw raw(String text) {
        return new Raw(text);
    }

    static Hex hex(long value) {
        return new Hex(value);
    }

    static Octal octal(long value) {
        return new Octal(value);
    }

    static PosixException failed(LastErrorException e, String call, Object... arguments) {
        return failed(e.getErrorCode(), call, arguments);
    }

    static PosixException failed(int errno, String call, Object... arguments) {
        return new PosixException(call, arguments(arguments), errno);
    }

    /** Like {@link #failed(LastErrorException, String, Object...)}, with more detail for the message. */
    static PosixException failedWithDetail(String detail, LastErrorException e, String call, Object... arguments) {
        return new PosixException(call, arguments(arguments), e.getErrorCode(), detail);
    }

    static String arguments(Object... arguments) {
        StringJoiner joined = new StringJoiner(", ");
        for (Object argument : arguments) {
            joined.add(format(argument));
        }
        return joined.toString();
    }

    private static String format(Object argument) {
        if (argument == null) {
            return "NULL";
        }
        if (argument instanceof CharSequence || argument instanceof Path) {
            return quote(argument.toString());
        }
        if (argument instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        return String.valueOf(argument);
    }

    private static String quote(String s) {
        String shown = s.length() > MAX_STRING ? s.substring(0, MAX_STRING) : s;
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        for (char c : shown.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(shown.length() < s.length() ? "\"..." : "\"").toString();
    }
}

package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The value of {@code COPY --chmod} / {@code ADD --chmod}: an octal mode up to {@code 07777}
 * or a symbolic mode as chmod(1) writes it ({@code u+x}, {@code a=rX,go-w}), checked as
 * BuildKit checks it.
 *
 * <pre>{@code
 * Chmod.parse("755").apply(0100644, false);     // 0100755
 * Chmod.parse("u+x,g-w").apply(0100664, false); // 0100744
 * Chmod.parse("a+X").apply(040600, true);       // 040711: X sets execute on directories
 * }</pre>
 *
 * @param text the mode as written
 */
public record Chmod(String text) {
    private static final int IS_UID = 04000;
    private static final int IS_GID = 02000;
    private static final int IS_TXT = 01000;
    private static final int RWXU = 0700;
    private static final int RWXG = 0070;
    private static final int RWXO = 0007;
    private static final int STANDARD = IS_UID | IS_GID | RWXU | RWXG | RWXO;
    private static final int R_ALL = 0444;
    private static final int W_ALL = 0222;
    private static final int X_ALL = 0111;
    private static final int SET = 1;
    private static final int CLEAR = 2;
    private static final int U_BITS = 4;
    private static final int G_BITS = 8;
    private static final int O_BITS = 16;

    /**
     * Checks the mode.
     *
     * @param text the mode as written
     * @throws DockerfileException if the text is neither an octal mode up to 07777 nor a symbolic mode
     */
    public Chmod {
        Objects.requireNonNull(text, "text");
        commands(text);
    }

    /**
     * Parses a mode.
     *
     * @param text an octal or symbolic mode
     * @return the mode
     * @throws DockerfileException if the text is not a mode
     */
    public static Chmod parse(String text) {
        return new Chmod(text);
    }

    /**
     * Returns the mode bits if the text is octal.
     *
     * @return the bits, or empty for a symbolic mode
     */
    public OptionalInt octal() {
        var n = GoNumbers.parseUint(text, 8, 32);
        return n.isPresent() ? OptionalInt.of((int) n.getAsLong()) : OptionalInt.empty();
    }

    /**
     * Applies the mode to a file's current mode, as BuildKit does when copying.
     *
     * @param mode the file's mode bits (type bits above 07777 are kept)
     * @param directory whether the file is a directory ({@code X} then always means execute)
     * @return the new mode bits
     */
    public int apply(int mode, boolean directory) {
        OptionalInt octal = octal();
        if (octal.isPresent()) {
            return (mode & ~07777) | octal.getAsInt();
        }
        int original = mode & 07777;
        int bits = original;
        for (int[] c : commands(text)) {
            int cmd = c[0];
            int cmd2 = c[1];
            int operand = c[2];
            switch (cmd) {
                case 'u' -> bits = copy(bits, cmd2, operand, (bits & RWXU) >> 6);
                case 'g' -> bits = copy(bits, cmd2, operand, (bits & RWXG) >> 3);
                case 'o' -> bits = copy(bits, cmd2, operand, bits & RWXO);
                case '+' -> bits |= operand;
                case '-' -> bits &= ~operand;
                case 'X' -> {
                    if ((original & X_ALL) != 0 || directory) {
                        bits |= operand;
                    }
                }
                default -> throw new IllegalStateException("unknown mode command " + cmd);
            }
        }
        return (mode & ~07777) | (bits & 07777);
    }

    private static int copy(int bits, int cmd2, int mask, int value) {
        if ((cmd2 & CLEAR) != 0) {
            int clear = (cmd2 & SET) != 0 ? RWXO : value;
            if ((cmd2 & U_BITS) != 0) {
                bits &= ~((clear << 6) & mask);
            }
            if ((cmd2 & G_BITS) != 0) {
                bits &= ~((clear << 3) & mask);
            }
            if ((cmd2 & O_BITS) != 0) {
                bits &= ~(clear & mask);
            }
        }
        if ((cmd2 & SET) != 0) {
            if ((cmd2 & U_BITS) != 0) {
                bits |= (value << 6) & mask;
            }
            if ((cmd2 & G_BITS) != 0) {
                bits |= (value << 3) & mask;
            }
            if ((cmd2 & O_BITS) != 0) {
                bits |= value & mask;
            }
        }
        return bits;
    }

    private static DockerfileException nonOctal(String text) {
        return DockerfileException.unlocated("invalid chmod parameter: '" + text
                + "'. it should be octal string and between 0 and 07777", text);
    }

    /** BuildKit's check, then dchapes-mode's parser; returns {cmd, cmd2, bits} triples. */
    private static List<int[]> commands(String text) {
        var octal = GoNumbers.parseUint(text, 8, 32);
        if (octal.isPresent()) {
            if (octal.getAsLong() > 07777) {
                throw nonOctal(text);
            }
            return List.of();
        }
        if (!text.isEmpty() && text.charAt(0) >= '0' && text.charAt(0) <= '9') {
            throw nonOctal(text);
        }
        DockerfileException syntax = DockerfileException.unlocated("invalid chmod parameter: '" + text
                + "': invalid syntax (expected octal like 0755 or symbolic like u+x,go-w)", text);
        List<int[]> cmds = new ArrayList<>();
        String s = text;
        int i = 0;
        while (true) {
            int who = 0;
            while (true) {
                if (i >= s.length()) {
                    throw syntax;
                }
                char c = s.charAt(i);
                if (c == 'a') {
                    who |= STANDARD;
                } else if (c == 'u') {
                    who |= IS_UID | RWXU;
                } else if (c == 'g') {
                    who |= IS_GID | RWXG;
                } else if (c == 'o') {
                    who |= RWXO;
                } else {
                    break;
                }
                i++;
            }
            boolean equalDone = false;
            while (true) { // getop
                char op = s.charAt(i++);
                if (op == '=') {
                    equalDone = false;
                } else if (op != '+' && op != '-') {
                    throw syntax;
                }
                who &= ~IS_TXT;
                int perm = 0;
                int permX = 0;
                while (true) {
                    char b = i < s.length() ? s.charAt(i) : 0;
                    boolean stop = false;
                    switch (b) {
                        case 'r' -> perm |= R_ALL;
                        case 's' -> {
                            if (who == 0 || (who & ~RWXO) != 0) {
                                perm |= IS_UID | IS_GID;
                            }
                        }
                        case 't' -> {
                            if (who == 0 || (who & ~RWXO) != 0) {
                                who |= IS_TXT;
                                perm |= IS_TXT;
                            }
                        }
                        case 'w' -> perm |= W_ALL;
                        case 'X' -> {
                            if (op == '+') {
                                permX = X_ALL;
                            }
                        }
                        case 'x' -> perm |= X_ALL;
                        case 'u', 'g', 'o' -> {
                            if (perm != 0) {
                                add(cmds, op, who, perm);
                                perm = 0;
                            }
                            if (op == '=') {
                                equalDone = true;
                            }
                            if (permX != 0) {
                                add(cmds, 'X', who, permX);
                                permX = 0;
                            }
                            addCopy(cmds, b, who, op);
                        }
                        default -> {
                            if (perm != 0 || (op == '=' && !equalDone)) {
                                if (op == '=') {
                                    equalDone = true;
                                }
                                add(cmds, op, who, perm);
                            }
                            if (permX != 0) {
                                add(cmds, 'X', who, permX);
                            }
                            stop = true;
                        }
                    }
                    if (stop) {
                        break;
                    }
                    i++;
                }
                if (i >= s.length()) {
                    return cmds;
                }
                if (s.charAt(i) != ',') {
                    continue; // goto getop
                }
                i++;
                break;
            }
        }
    }

    private static void add(List<int[]> cmds, char op, int who, int operand) {
        int mask = 0xFFFF;
        if (op == '=') {
            cmds.add(new int[] {'-', 0, who != 0 ? who : STANDARD});
            op = '+';
        }
        cmds.add(new int[] {op, 0, who != 0 ? who & operand : mask & operand});
    }

    private static void addCopy(List<int[]> cmds, char from, int who, char op) {
        int cmd2 = 0;
        int bits;
        if (who != 0) {
            if ((who & 0400) != 0) {
                cmd2 |= U_BITS;
            }
            if ((who & 0040) != 0) {
                cmd2 |= G_BITS;
            }
            if ((who & 0004) != 0) {
                cmd2 |= O_BITS;
            }
            bits = 0xFFFF;
        } else {
            cmd2 = U_BITS | G_BITS | O_BITS;
            bits = 0xFFFF;
        }
        switch (op) {
            case '+' -> cmd2 |= SET;
            case '-' -> cmd2 |= CLEAR;
            default -> cmd2 |= SET | CLEAR;
        }
        cmds.add(new int[] {from, cmd2, bits});
    }
}

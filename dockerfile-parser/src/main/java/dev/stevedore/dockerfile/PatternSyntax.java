package dev.stevedore.dockerfile;

/**
 * The syntax check moby/patternmatcher runs on each pattern: Go's
 * {@code filepath.Match(pattern, ".")} reporting {@code ErrBadPattern}. Go validates every
 * {@code *}-separated chunk of the pattern, so this does the same without matching.
 *
 * <p>In a bracket expression each item is a character or {@code lo-hi} range, optionally
 * escaped with {@code \}; an item may not start with {@code -} or {@code ]} (except the
 * closing bracket after at least one item), and {@code ^} right after {@code [} negates.
 */
final class PatternSyntax {
    private PatternSyntax() {}

    /** Null if {@code pattern} is valid, else what is wrong with it. */
    static String check(String pattern) {
        int[] p = pattern.codePoints().toArray();
        int i = 0;
        while (i < p.length) {
            while (i < p.length && p[i] == '*') {
                i++;
            }
            int chunkStart = i;
            boolean inRange = false;
            scan:
            for (; i < p.length; i++) {
                switch (p[i]) {
                    case '\\':
                        if (i + 1 < p.length) {
                            i++;
                        }
                        break;
                    case '[':
                        inRange = true;
                        break;
                    case ']':
                        inRange = false;
                        break;
                    case '*':
                        if (!inRange) {
                            break scan;
                        }
                        break;
                    default:
                        break;
                }
            }
            String problem = checkChunk(p, chunkStart, i);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String checkChunk(int[] p, int start, int end) {
        int j = start;
        while (j < end) {
            int c = p[j];
            if (c == '[') {
                j++;
                if (j < end && p[j] == '^') {
                    j++;
                }
                int items = 0;
                while (true) {
                    if (j < end && p[j] == ']' && items > 0) {
                        j++;
                        break;
                    }
                    int next = classChar(p, j, end);
                    if (next < 0) {
                        return problem(p, j, end, items == 0);
                    }
                    j = next;
                    if (p[j] == '-') {
                        next = classChar(p, j + 1, end);
                        if (next < 0) {
                            return j + 1 < end && p[j + 1] == ']' ? "character range without an end"
                                    : problem(p, j + 1, end, false);
                        }
                        j = next;
                    }
                    items++;
                }
            } else if (c == '\\') {
                if (j + 1 >= end) {
                    return "trailing backslash";
                }
                j += 2;
            } else {
                j++;
            }
        }
        return null;
    }

    /**
     * Go's {@code getEsc}: one possibly escaped class character at {@code j}.
     *
     * @return the index after it, or -1 if it is missing, {@code -} or {@code ]}, or is the
     *     last thing in the chunk (the class would be unterminated)
     */
    private static int classChar(int[] p, int j, int end) {
        if (j >= end || p[j] == '-' || p[j] == ']') {
            return -1;
        }
        if (p[j] == '\\') {
            j++;
            if (j >= end) {
                return -1;
            }
        }
        j++;
        return j >= end ? -1 : j;
    }

    private static String problem(int[] p, int j, int end, boolean first) {
        if (j >= end) {
            return "unterminated character class";
        }
        if (p[j] == ']') {
            return first ? "empty character class" : "unterminated character class";
        }
        if (p[j] == '-') {
            return "misplaced '-' in character class";
        }
        return "unterminated character class";
    }
}

package dev.stevedore.dockerfile;

import java.util.Arrays;

/**
 * The glob pattern of {@code ${VAR#pattern}}, {@code ${VAR%pattern}} and
 * {@code ${VAR/pattern/replacement}}: {@code *} is any run of characters, {@code ?} one
 * character, {@code \} makes the next {@code *}, {@code ?} or {@code \} literal, and
 * {@code \}} or {@code \/} stand for the brace or slash. Bracket expressions are not special.
 *
 * <p>BuildKit turns the pattern into a Go regular expression, where {@code .} does not match a
 * newline; so here {@code *} and {@code ?} do not match {@code '\n'} either. Matching is a
 * set-of-states simulation: time O(text x pattern), no backtracking, no recursion.
 */
final class ShellPattern {
    private static final int STAR = -2;
    private static final int ANY = -3;

    /** Literal code points, or {@link #STAR} / {@link #ANY}. */
    private final int[] tokens;
    private final boolean hasStar;

    private ShellPattern(int[] tokens) {
        this.tokens = tokens;
        boolean star = false;
        for (int t : tokens) {
            star |= t == STAR;
        }
        this.hasStar = star;
    }

    /** Thrown by {@link #compile} with a reason such as {@code invalid escape '\x'}. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Reads a pattern. A leading byte-order mark is dropped, as Go's scanner does.
     *
     * @throws SyntaxException for a backslash before anything but {@code * ? \ } /}
     */
    static ShellPattern compile(String pattern) throws SyntaxException {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        int i = cps.length > 0 && cps[0] == WordRunes.BOM ? 1 : 0;
        while (i < cps.length) {
            int c = cps[i++];
            if (c == '*') {
                out[n++] = STAR;
            } else if (c == '?') {
                out[n++] = ANY;
            } else if (c == '\\') {
                int next = i < cps.length ? cps[i] : WordRunes.EOF;
                if (next == '}' || next == '/') {
                    continue; // the escape only kept the brace or slash out of the ${...} syntax
                }
                i++;
                if (next != '*' && next != '?' && next != '\\') {
                    throw new SyntaxException("invalid escape '\\" + WordRunes.text(next) + "'");
                }
                out[n++] = next;
            } else {
                out[n++] = c;
            }
        }
        return new ShellPattern(Arrays.copyOf(out, n));
    }

    /**
     * Reverses a pattern for suffix matching, keeping each backslash before the character it
     * escapes ({@code a\*c} becomes {@code c\*a}).
     */
    static String reverse(String pattern) {
        int[] in = pattern.codePoints().toArray();
        int[] out = new int[in.length];
        int last = in.length - 1;
        int i = 0;
        while (i <= last) {
            int outIdx = last - i;
            if (in[i] == '\\' && i != last) {
                out[outIdx - 1] = in[i];
                out[outIdx] = in[i + 1];
                i += 2;
            } else {
                out[outIdx] = in[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    /**
     * Matches the pattern at the start of {@code text}.
     *
     * @param greedy longest match if true (as {@code ##}), shortest if false (as {@code #})
     * @return the end of the match in code points, or -1 if the pattern does not match there
     */
    int matchPrefix(int[] text, boolean greedy) {
        int m = tokens.length;
        if (!hasStar) {
            return fixedMatchAt(text, 0) ? m : -1;
        }
        StateSet current = new StateSet(m + 1);
        StateSet next = new StateSet(m + 1);
        addWithClosure(current, 0);
        int found = -1;
        for (int t = 0; ; t++) {
            if (current.contains(m)) {
                found = t;
                if (!greedy) {
                    return found;
                }
            }
            if (t == text.length || current.isEmpty()) {
                return found;
            }
            next.clear();
            int c = text[t];
            for (int k = 0; k < current.size(); k++) {
                int s = current.get(k);
                if (s < m && accepts(tokens[s], c)) {
                    addWithClosure(next, tokens[s] == STAR ? s : s + 1);
                }
            }
            StateSet swap = current;
            current = next;
            next = swap;
        }
    }

    /**
     * Finds the leftmost match starting at or after {@code from}, and for that start the
     * longest one: Go's leftmost-first rule for a pattern whose stars are all greedy.
     *
     * @return {start, end} in code points, or null if there is no match
     */
    int[] find(int[] text, int from) {
        int m = tokens.length;
        if (!hasStar) {
            for (int s = from; s + m <= text.length; s++) {
                if (fixedMatchAt(text, s)) {
                    return new int[] {s, s + m};
                }
            }
            return null;
        }
        // Each state remembers the smallest start that reaches it: a later start in the same
        // state has the same future, so it can never be the leftmost match.
        int[] start = new int[m + 1];
        int[] nextStart = new int[m + 1];
        StateSet current = new StateSet(m + 1);
        StateSet next = new StateSet(m + 1);
        int bestStart = -1;
        int bestEnd = -1;
        for (int t = from; ; t++) {
            if (bestStart < 0 && !current.contains(0)) {
                addWithClosure(current, start, 0, t);
            }
            if (current.contains(m)) {
                int s = start[m];
                if (bestStart < 0 || s < bestStart || (s == bestStart && t > bestEnd)) {
                    bestStart = s;
                    bestEnd = t;
                }
            }
            if (t == text.length) {
                break;
            }
            next.clear();
            int c = text[t];
            for (int k = 0; k < current.size(); k++) {
                int s = current.get(k);
                if (s < m && accepts(tokens[s], c) && (bestStart < 0 || start[s] <= bestStart)) {
                    addWithClosure(next, nextStart, tokens[s] == STAR ? s : s + 1, start[s]);
                }
            }
            StateSet swap = current;
            current = next;
            next = swap;
            int[] swapStart = start;
            start = nextStart;
            nextStart = swapStart;
            if (current.isEmpty() && bestStart >= 0) {
                break;
            }
        }
        return bestStart < 0 ? null : new int[] {bestStart, bestEnd};
    }

    private boolean fixedMatchAt(int[] text, int at) {
        if (at + tokens.length > text.length) {
            return false;
        }
        for (int k = 0; k < tokens.length; k++) {
            if (!accepts(tokens[k], text[at + k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean accepts(int token, int c) {
        if (token == STAR || token == ANY) {
            return c != '\n';
        }
        return token == c;
    }

    private void addWithClosure(StateSet set, int state) {
        for (int s = state; s <= tokens.length && set.add(s); s++) {
            if (s == tokens.length || tokens[s] != STAR) {
                break;
            }
        }
    }

    private void addWithClosure(StateSet set, int[] starts, int state, int startPos) {
        for (int s = state; s <= tokens.length; s++) {
            if (set.add(s)) {
                starts[s] = startPos;
            } else if (starts[s] > startPos) {
                starts[s] = startPos;
            } else {
                break;
            }
            if (s == tokens.length || tokens[s] != STAR) {
                break;
            }
        }
    }

    /** A set of small ints with O(1) add, contains and clear, listing members in insertion order. */
    static final class StateSet {
        private final int[] members;
        private final int[] stamp;
        private int size;
        private int generation = 1;

        StateSet(int capacity) {
            members = new int[capacity];
            stamp = new int[capacity];
        }

        boolean add(int s) {
            if (stamp[s] == generation) {
                return false;
            }
            stamp[s] = generation;
            members[size++] = s;
            return true;
        }

        boolean contains(int s) {
            return stamp[s] == generation;
        }

        int size() {
            return size;
        }

        int get(int k) {
            return members[k];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            size = 0;
            generation++;
        }
    }
}

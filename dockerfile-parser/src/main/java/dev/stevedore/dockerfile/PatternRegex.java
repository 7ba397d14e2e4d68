package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A Go regular expression as moby/patternmatcher builds one from an ignore pattern, compiled
 * to a Thompson NFA. {@link #find} answers Go's {@code Regexp.MatchString}: is there a match
 * anywhere in the text. Simulation keeps a set of states per position: time
 * O(text x program), no backtracking, no recursion; safe for any input.
 */
final class PatternRegex {
    static final int BEGIN_TEXT = 0;
    static final int END_TEXT = 1;
    static final int WORD_BOUNDARY = 2;
    static final int NOT_WORD_BOUNDARY = 3;

    private static final int CHAR = 0;
    private static final int SPLIT = 1;
    private static final int JUMP = 2;
    private static final int ASSERT = 3;
    private static final int MATCH = 4;

    private final int[] op;
    private final int[] x;
    private final int[] y;
    private final IntPredicate[] sets;
    private final String source;

    private PatternRegex(Program p, String source) {
        int n = p.op.size();
        this.op = new int[n];
        this.x = new int[n];
        this.y = new int[n];
        this.sets = new IntPredicate[n];
        for (int k = 0; k < n; k++) {
            op[k] = p.op.get(k);
            x[k] = p.x.get(k);
            y[k] = p.y.get(k);
            sets[k] = p.sets.get(k);
        }
        this.source = source;
    }

    /** Parses and compiles; errors carry RE2's wording. */
    static PatternRegex compile(String regex) throws PatternRegexParser.SyntaxException {
        Program program = new Program();
        program.emit(PatternRegexParser.parse(regex));
        program.add(MATCH, 0, 0, null);
        return new PatternRegex(program, regex);
    }

    /** Whether the expression matches some part of {@code text} (its own anchors decide how much). */
    boolean find(String text) {
        int[] t = text.codePoints().toArray();
        StateList current = new StateList(op.length);
        StateList next = new StateList(op.length);
        int[] stack = new int[2 * op.length + 2];
        for (int pos = 0; ; pos++) {
            if (addClosure(current, 0, pos, t, stack)) {
                return true;
            }
            if (pos == t.length) {
                return false;
            }
            next.clear();
            int c = t[pos];
            for (int k = 0; k < current.size; k++) {
                int pc = current.members[k];
                if (op[pc] == CHAR && sets[pc].test(c) && addClosure(next, pc + 1, pos + 1, t, stack)) {
                    return true;
                }
            }
            StateList swap = current;
            current = next;
            next = swap;
        }
    }

    /** Adds {@code pc} and everything reachable without reading; true if that reaches MATCH. */
    private boolean addClosure(StateList list, int pc, int pos, int[] t, int[] stack) {
        int top = 0;
        stack[top++] = pc;
        while (top > 0) {
            int s = stack[--top];
            if (!list.add(s)) {
                continue;
            }
            switch (op[s]) {
                case MATCH:
                    return true;
                case JUMP:
                    stack[top++] = x[s];
                    break;
                case SPLIT:
                    stack[top++] = y[s];
                    stack[top++] = x[s];
                    break;
                case ASSERT:
                    if (holds(x[s], pos, t)) {
                        stack[top++] = s + 1;
                    }
                    break;
                default:
                    break;
            }
        }
        return false;
    }

    private static boolean holds(int kind, int pos, int[] t) {
        switch (kind) {
            case BEGIN_TEXT:
                return pos == 0;
            case END_TEXT:
                return pos == t.length;
            default:
                boolean before = pos > 0 && isWordChar(t[pos - 1]);
                boolean after = pos < t.length && isWordChar(t[pos]);
                return (before != after) == (kind == WORD_BOUNDARY);
        }
    }

    private static boolean isWordChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    @Override
    public String toString() {
        return source;
    }

    /** The instruction list under construction. */
    private static final class Program {
        final List<Integer> op = new ArrayList<>();
        final List<Integer> x = new ArrayList<>();
        final List<Integer> y = new ArrayList<>();
        final List<IntPredicate> sets = new ArrayList<>();

        int add(int o, int a, int b, IntPredicate set) {
            op.add(o);
            x.add(a);
            y.add(b);
            sets.add(set);
            return op.size() - 1;
        }

        void emit(PatternRegexParser.Node node) {
            if (node instanceof PatternRegexParser.Chars chars) {
                add(CHAR, 0, 0, chars.set());
            } else if (node instanceof PatternRegexParser.Assert a) {
                add(ASSERT, a.kind(), 0, null);
            } else if (node instanceof PatternRegexParser.Concat c) {
                c.items().forEach(this::emit);
            } else if (node instanceof PatternRegexParser.Alternate alt) {
                List<Integer> jumps = new ArrayList<>();
                List<PatternRegexParser.Node> choices = alt.choices();
                for (int k = 0; k < choices.size(); k++) {
                    int split = k < choices.size() - 1 ? add(SPLIT, 0, 0, null) : -1;
                    if (split >= 0) {
                        x.set(split, split + 1);
                    }
                    emit(choices.get(k));
                    if (split >= 0) {
                        jumps.add(add(JUMP, 0, 0, null));
                        y.set(split, op.size());
                    }
                }
                jumps.forEach(j -> x.set(j, op.size()));
            } else if (node instanceof PatternRegexParser.Repeat r) {
                emitRepeat(r);
            }
        }

        private void emitRepeat(PatternRegexParser.Repeat r) {
            if (r.min() == 1) { // +: sub, then loop back or go on
                int start = op.size();
                emit(r.sub());
                add(SPLIT, start, op.size() + 1, null);
                return;
            }
            int split = add(SPLIT, 0, 0, null);
            x.set(split, split + 1);
            emit(r.sub());
            if (r.max() < 0) { // *: loop back to the split
                add(JUMP, split, 0, null);
            }
            y.set(split, op.size());
        }
    }

    /** A set of program counters with O(1) add and clear. */
    private static final class StateList {
        final int[] members;
        final int[] stamp;
        int size;
        int generation = 1;

        StateList(int capacity) {
            members = new int[capacity];
            stamp = new int[capacity];
        }

        boolean add(int pc) {
            if (stamp[pc] == generation) {
                return false;
            }
            stamp[pc] = generation;
            members[size++] = pc;
            return true;
        }

        void clear() {
            size = 0;
            generation++;
        }
    }
}

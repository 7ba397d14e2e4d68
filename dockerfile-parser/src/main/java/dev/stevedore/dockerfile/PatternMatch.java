package dev.stevedore.dockerfile;

import java.util.Arrays;

/**
 * The result of matching one path with {@link PatternMatcher#match}: whether the path is
 * excluded, and which patterns matched it, for matching its children without re-checking
 * parent directories.
 *
 * <pre>{@code
 * PatternMatch dir = matcher.match("src", PatternMatch.unknown());
 * PatternMatch file = matcher.match("src/Main.java", dir);
 * file.excluded();
 * }</pre>
 */
public final class PatternMatch {
    private static final PatternMatch UNKNOWN = new PatternMatch(false, new boolean[0]);

    private final boolean excluded;
    private final boolean[] perPattern;

    PatternMatch(boolean excluded, boolean[] perPattern) {
        this.excluded = excluded;
        this.perPattern = perPattern;
    }

    /**
     * No information about the parent: matching then checks every parent directory itself
     * (moby's zero {@code MatchInfo}). Use it for top-level entries, or for any path out of walk order.
     *
     * @return the shared "no parent information" value
     */
    public static PatternMatch unknown() {
        return UNKNOWN;
    }

    /**
     * Whether the path is excluded from the build context: the last pattern that matched it,
     * or matched a parent directory, is not an exception ({@code !}).
     *
     * @return true if excluded
     */
    public boolean excluded() {
        return excluded;
    }

    boolean isUnknown() {
        return perPattern.length == 0;
    }

    int patternCount() {
        return perPattern.length;
    }

    boolean matched(int pattern) {
        return perPattern[pattern];
    }

    @Override
    public String toString() {
        return isUnknown() ? "PatternMatch[unknown]"
                : "PatternMatch[excluded=" + excluded + ", patterns=" + Arrays.toString(perPattern) + "]";
    }
}

package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Decides which paths of a build context are excluded, with moby/patternmatcher's rules
 * (what {@code .dockerignore}, {@code COPY --exclude} and BuildKit's context transfer use).
 *
 * <p>Patterns are cleaned like paths ({@code ./a//b/} is {@code a/b}) and match
 * slash-separated paths relative to the context root:
 * <ul>
 *   <li>{@code *} any run of characters but {@code /}; {@code ?} one character but {@code /};
 *       {@code [a-z]}, {@code [^a-z]} character classes; {@code \} escapes the next character;</li>
 *   <li>{@code **} any number of directories, including none ({@code **}{@code /*.go},
 *       {@code docs/**}); {@code dir**} is a plain prefix and also matches {@code directory};</li>
 *   <li>a pattern that matches a directory excludes everything below it;</li>
 *   <li>{@code !pattern} is an exception that re-includes what it matches; patterns apply in
 *       order and the last one that matches a path (or one of its parents) wins.</li>
 * </ul>
 *
 * <pre>
 * PatternMatcher m = PatternMatcher.compile(List.of("docs", "!docs/README.md", "**&#47;*.tmp"));
 * m.matches("docs/guide.md");    // true: excluded
 * m.matches("docs/README.md");   // false: re-included
 * m.matches("a/b/c.tmp");        // true
 * </pre>
 *
 * <p>Regular-expression corners behave as in Go, because moby matches through Go regexps:
 * {@code \d} in a pattern is a digit class, {@code ^} after the start is an anchor that never
 * matches, and {@code *} or {@code ?} inside {@code [...]} splice their own class into it.
 * A pattern whose expression Go would reject (such as {@code [z-a]} or {@code \y}) fails here at
 * compile time; moby fails only when the pattern is first used.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PatternMatcher {
    private static final PatternMatcher NONE = new PatternMatcher(List.of());

    private final List<PatternRule> rules;
    private final boolean exceptions;
    private final boolean onlyPrefixExceptions;

    private PatternMatcher(List<PatternRule> rules) {
        this.rules = List.copyOf(rules);
        boolean anyException = false;
        boolean prefixOnly = true;
        for (PatternRule rule : rules) {
            if (rule.isException()) {
                anyException = true;
                if (containsGlobCharacter(withoutTrailingGlob(rule.text()))) {
                    prefixOnly = false;
                }
            }
        }
        this.exceptions = anyException;
        this.onlyPrefixExceptions = prefixOnly;
    }

    /**
     * A matcher that excludes nothing.
     *
     * @return the empty matcher
     */
    public static PatternMatcher none() {
        return NONE;
    }

    /**
     * Compiles patterns as moby's {@code patternmatcher.New}: each is trimmed and cleaned;
     * empty ones are skipped; a leading {@code !} makes an exception.
     *
     * @param patterns patterns in order, as written (for instance {@code COPY --exclude} values)
     * @return the matcher
     * @throws IgnorePatternException naming the (1-based) pattern that is invalid
     */
    public static PatternMatcher compile(List<String> patterns) {
        return compile(patterns, (index, reason) -> new IgnorePatternException("", 0, "",
                "pattern " + (index + 1) + " \"" + WordRunes.excerpt(patterns.get(index)) + "\": " + reason));
    }

    /** Compiles, reporting errors through {@code onError(patternIndex, reason)}. */
    static PatternMatcher compile(List<String> patterns, ErrorFactory onError) {
        List<PatternRule> rules = new ArrayList<>(patterns.size());
        for (int index = 0; index < patterns.size(); index++) {
            String p = WordRunes.trimSpace(Objects.requireNonNull(patterns.get(index), "pattern"));
            if (p.isEmpty()) {
                continue;
            }
            p = PatternPaths.clean(p);
            boolean exception = p.charAt(0) == '!';
            if (exception) {
                if (p.length() == 1) {
                    throw onError.create(index, "illegal exclusion pattern: \"!\"");
                }
                p = p.substring(1);
            }
            String problem = PatternSyntax.check(p);
            if (problem != null) {
                throw onError.create(index, "syntax error in pattern: " + problem);
            }
            try {
                rules.add(PatternRule.compile(p, exception));
            } catch (PatternRegexParser.SyntaxException e) {
                throw onError.create(index, "syntax error in pattern: " + e.getMessage());
            }
        }
        return rules.isEmpty() ? NONE : new PatternMatcher(rules);
    }

    /** Makes the exception for an invalid pattern. */
    @FunctionalInterface
    interface ErrorFactory {
        IgnorePatternException create(int patternIndex, String reason);
    }

    /**
     * Whether a path is excluded: the last pattern that matches it or one of its parent
     * directories is not an exception (moby's {@code MatchesOrParentMatches}).
     *
     * @param path slash-separated, relative to the context root, clean (as a walk yields it)
     * @return true if excluded
     */
    public boolean matches(String path) {
        String parent = PatternPaths.dir(path);
        String[] parentDirs = parent.equals(".") ? new String[0] : parent.split("/", -1);
        boolean matched = false;
        for (PatternRule rule : rules) {
            if (rule.isException() != matched) {
                continue; // cannot change the outcome
            }
            boolean match = rule.matches(path) || matchesAParent(rule, parentDirs);
            if (match) {
                matched = !rule.isException();
            }
        }
        return matched;
    }

    /**
     * Matches a path using its parent directory's result, as a depth-first walk of the context
     * does (moby's {@code MatchesUsingParentResults}): a pattern that matched the parent is
     * taken to match the child without checking again. With {@link PatternMatch#unknown()}
     * this checks every parent itself and equals {@link #matches}.
     *
     * <pre>{@code
     * PatternMatch parent = m.match("node_modules", PatternMatch.unknown());
     * if (parent.excluded() && m.canSkipExcludedDirectory("node_modules")) {
     *     // skip the whole subtree
     * }
     * PatternMatch child = m.match("node_modules/x/package.json", parent);
     * }</pre>
     *
     * @param path slash-separated, relative to the context root, clean
     * @param parent the result for the path's parent directory, or {@link PatternMatch#unknown()}
     * @return the result for {@code path}, to pass on to its children
     * @throws IllegalArgumentException if {@code parent} came from another matcher
     */
    public PatternMatch match(String path, PatternMatch parent) {
        if (!parent.isUnknown() && parent.patternCount() != rules.size()) {
            throw new IllegalArgumentException("parent result is from a matcher with " + parent.patternCount()
                    + " patterns, this one has " + rules.size());
        }
        boolean[] perPattern = new boolean[rules.size()];
        boolean matched = false;
        String[] parentDirs = null;
        for (int k = 0; k < rules.size(); k++) {
            PatternRule rule = rules.get(k);
            boolean match = !parent.isUnknown() && parent.matched(k);
            if (!match) {
                if (rule.isException() != matched) {
                    continue;
                }
                match = rule.matches(path);
                if (!match && parent.isUnknown()) {
                    if (parentDirs == null) {
                        String dir = PatternPaths.dir(path);
                        parentDirs = dir.equals(".") ? new String[0] : dir.split("/", -1);
                    }
                    match = matchesAParent(rule, parentDirs);
                }
            }
            perPattern[k] = match;
            if (match) {
                matched = !rule.isException();
            }
        }
        return new PatternMatch(matched, perPattern);
    }

    private static boolean matchesAParent(PatternRule rule, String[] parentDirs) {
        StringBuilder prefix = new StringBuilder();
        for (int k = 0; k < parentDirs.length; k++) {
            if (k > 0) {
                prefix.append('/');
            }
            prefix.append(parentDirs[k]);
            if (rule.matches(prefix.toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a directory that {@link #match} reported as excluded can be skipped with
     * everything below it, because no exception could re-include anything there (BuildKit's
     * fsutil rule). If false the walk must go on below the directory, and a directory is sent
     * only if something below it is re-included. When some exception has a wildcard before its
     * last component, every excluded directory must be walked.
     *
     * @param dir the excluded directory, slash-separated, relative to the context root
     * @return true if the walk need not descend into {@code dir}
     */
    public boolean canSkipExcludedDirectory(String dir) {
        if (!exceptions) {
            return true;
        }
        if (!onlyPrefixExceptions) {
            return false;
        }
        String dirSlash = dir + "/";
        for (PatternRule rule : rules) {
            if (rule.isException() && (withoutTrailingGlob(rule.text()) + "/").startsWith(dirSlash)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether any pattern is an exception ({@code !}).
     *
     * @return true if some pattern re-includes paths
     */
    public boolean hasExceptions() {
        return exceptions;
    }

    /**
     * The patterns in effect, cleaned, exceptions with their {@code !}; empty ones dropped.
     *
     * @return an unmodifiable list
     */
    public List<String> patterns() {
        List<String> out = new ArrayList<>(rules.size());
        for (PatternRule rule : rules) {
            out.add(rule.isException() ? "!" + rule.text() : rule.text());
        }
        return Collections.unmodifiableList(out);
    }

    List<PatternRule> rules() {
        return rules;
    }

    private static String withoutTrailingGlob(String pattern) {
        String p = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
        return p.endsWith("/*") ? p.substring(0, p.length() - 2) : p;
    }

    private static boolean containsGlobCharacter(String s) {
        for (int k = 0; k < s.length(); k++) {
            if ("*[]?^\\".indexOf(s.charAt(k)) >= 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "PatternMatcher" + patterns();
    }
}

package dev.stevedore.dockerfile;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lint configuration of a {@code # check=} parser directive, read as BuildKit's
 * {@code linter.ParseLintOptions}: up to three {@code ;}-separated options,
 * {@code skip=Rule1,Rule2} or {@code skip=all}, {@code experimental=Rule} or
 * {@code experimental=all}, and {@code error=true} (findings fail the build).
 *
 * <pre>{@code
 * CheckOptions c = CheckOptions.parse("skip=JSONArgsRecommended;error=true");
 * c.enabled(LintRule.JSON_ARGS_RECOMMENDED);  // false
 * c.enabled(LintRule.UNDEFINED_VAR);          // true
 * c.error();                                  // true
 * }</pre>
 *
 * <p>A comment {@code # check=skip=Rule} directly above an instruction adds to the
 * configuration for that instruction alone (BuildKit's {@code WithMergedConfigFromComments}).
 *
 * @param skipAll whether every non-experimental rule is off
 * @param skip names of rules turned off
 * @param experimentalAll whether every experimental rule is on
 * @param experimental names of experimental rules turned on
 * @param error whether findings fail the build
 */
public record CheckOptions(boolean skipAll, Set<String> skip, boolean experimentalAll, Set<String> experimental,
        boolean error) {
    private static final Pattern DIRECTIVE = Pattern.compile("^([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*"
            + "(.+?)[\\t\\n\\f\\r ]*$", Pattern.DOTALL);
    private static final CheckOptions NONE = new CheckOptions(false, Set.of(), false, Set.of(), false);

    /** Copies the sets. */
    public CheckOptions {
        skip = Collections.unmodifiableSet(new LinkedHashSet<>(skip));
        experimental = Collections.unmodifiableSet(new LinkedHashSet<>(experimental));
    }

    /**
     * Every non-experimental rule on, findings do not fail.
     *
     * @return the default configuration
     */
    public static CheckOptions none() {
        return NONE;
    }

    /**
     * Parses the value of a {@code check} directive (the part before its first space).
     *
     * @param value for example {@code skip=all;error=true}
     * @return the options
     * @throws IllegalArgumentException with BuildKit's message, e.g. {@code invalid check option "foo"}
     */
    public static CheckOptions parse(String value) {
        String s = GoText.trimSpace(Objects.requireNonNull(value, "value"));
        if (s.isEmpty()) {
            return NONE;
        }
        boolean skipAll = false;
        boolean experimentalAll = false;
        boolean error = false;
        Set<String> skip = new LinkedHashSet<>();
        Set<String> experimental = new LinkedHashSet<>();
        for (String part : s.split(";", 3)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("invalid check option " + GoText.quote(part));
            }
            String key = GoText.trimSpace(part.substring(0, eq));
            String v = GoText.trimSpace(part.substring(eq + 1));
            switch (key) {
                case "skip" -> {
                    if (v.equals("all")) {
                        skipAll = true;
                    } else {
                        skip.addAll(names(v));
                    }
                }
                case "experimental" -> {
                    if (v.equals("all")) {
                        experimentalAll = true;
                    } else {
                        experimental.addAll(names(v));
                    }
                }
                case "error" -> error = parseBool(part, v);
                default -> throw new IllegalArgumentException("invalid check option " + GoText.quote(key));
            }
        }
        return new CheckOptions(skipAll, skip, experimentalAll, experimental, error);
    }

    private static List<String> names(String list) {
        return Arrays.stream(list.split(",", -1)).map(GoText::trimSpace).toList();
    }

    private static boolean parseBool(String part, String v) {
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException("failed to parse check option " + GoText.quote(part)
                    + ": strconv.ParseBool: parsing " + GoText.quote(v) + ": invalid syntax");
        };
    }

    /**
     * Returns the options of the first {@code check=} comment among an instruction's
     * comments, if it parses; BuildKit ignores one that does not.
     *
     * @param comments the comments above an instruction, without {@code #}
     * @return the options the comment gives
     */
    public static Optional<CheckOptions> fromComments(List<String> comments) {
        for (String comment : comments) {
            Matcher m = DIRECTIVE.matcher(GoText.trimLeftSpace(comment));
            if (!m.matches() || !GoText.toLower(m.group(1)).equals("check")) {
                continue;
            }
            String value = m.group(2);
            int space = value.indexOf(' ');
            try {
                return Optional.of(parse(space < 0 ? value : value.substring(0, space)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Adds another configuration's skipped and experimental rules to these; {@code error}
     * stays as it is.
     *
     * @param other options from a comment
     * @return the merged options
     */
    public CheckOptions merge(CheckOptions other) {
        Set<String> s = new LinkedHashSet<>(skip);
        s.addAll(other.skip);
        Set<String> e = new LinkedHashSet<>(experimental);
        e.addAll(other.experimental);
        return new CheckOptions(skipAll || other.skipAll, s, experimentalAll || other.experimentalAll, e, error);
    }

    /**
     * Returns whether a rule runs: an experimental rule when enabled, any other unless skipped.
     *
     * @param rule the rule
     * @return true if its findings are reported
     */
    public boolean enabled(LintRule rule) {
        if (rule.experimental()) {
            return experimentalAll || experimental.contains(rule.ruleName());
        }
        return !skipAll && !skip.contains(rule.ruleName());
    }
}
